package dev.workflowchat.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A command Redis never answers fails in bounded time; an answered one is untouched. */
class ReconnectTest {

    @Test
    void anUnansweredCommandFailsAfterItsWait() {
        Uni<String> neverAnswered = Uni.createFrom().nothing();
        assertThatThrownBy(() -> Reconnect.bounded(neverAnswered, Duration.ofMillis(50), "GET key")
                .await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(Reconnect.RedisUnansweredException.class)
                .hasMessageContaining("GET key");
    }

    @Test
    void anAnsweredCommandKeepsItsAnswer() {
        assertThat(Reconnect.bounded(Uni.createFrom().item("value"), "GET key").await().atMost(Duration.ofSeconds(5)))
                .isEqualTo("value");
    }
}
