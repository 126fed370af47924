package dev.workflowchat.chat.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.chat.security.SessionStore;
import dev.workflowchat.chat.support.TestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SessionCleanupJobTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    SessionStore sessions;

    @Inject
    SessionCleanupJob job;

    @Test
    void shouldRemoveExpiredSessionsAndKeepLiveOnes() {
        String live = sessions.create("admin", Duration.ofMinutes(5)).await().atMost(WAIT);
        sessions.create("admin", Duration.ofSeconds(-1)).await().atMost(WAIT);

        job.removeExpiredSessions().await().atMost(WAIT);

        assertThat(sessions.deleteExpired().await().atMost(WAIT)).isZero();
        assertThat(sessions.userOf(live).await().atMost(WAIT)).isPresent();
    }
}
