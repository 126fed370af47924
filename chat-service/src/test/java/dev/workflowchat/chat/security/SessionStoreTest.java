package dev.workflowchat.chat.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SessionStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    SessionStore sessions;

    @Test
    void shouldRecogniseALiveSessionAndNeitherAnExpiredNorAnUnknownOne() {
        String live = sessions.create("admin", Duration.ofMinutes(5)).await().atMost(WAIT);
        String expired = sessions.create("admin", Duration.ofSeconds(-1)).await().atMost(WAIT);

        assertThat(sessions.userOf(live).await().atMost(WAIT)).hasValueSatisfying(user -> {
            assertThat(user.username()).isEqualTo("admin");
            assertThat(user.isAdmin()).isTrue();
        });
        assertThat(sessions.userOf(expired).await().atMost(WAIT)).isEmpty();
        assertThat(sessions.userOf("never-issued").await().atMost(WAIT)).isEmpty();
        assertThat(live).isNotEqualTo(expired).hasSizeGreaterThanOrEqualTo(43);
    }

    @Test
    void cleanupShouldRemoveExpiredSessionsOnly() {
        String live = sessions.create("admin", Duration.ofMinutes(5)).await().atMost(WAIT);
        sessions.create("admin", Duration.ofSeconds(-1)).await().atMost(WAIT);

        assertThat(sessions.deleteExpired().await().atMost(WAIT)).isGreaterThanOrEqualTo(1);
        assertThat(sessions.deleteExpired().await().atMost(WAIT)).isZero();
        assertThat(sessions.userOf(live).await().atMost(WAIT)).isPresent();
    }
}
