package dev.workflowchat.chat.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(15));

    @Test
    void shouldRefuseAPairAfterTheLimitUntilTheWindowFromItsFirstFailureEnds() {
        for (int minute = 0; minute < 3; minute++) {
            assertThat(throttle.retryAfter("eve", "10.0.0.1", minute * MINUTE)).isZero();
            throttle.failed("eve", "10.0.0.1", minute * MINUTE);
        }
        assertThat(throttle.retryAfter("eve", "10.0.0.1", 3 * MINUTE)).isEqualTo(Duration.ofMinutes(12));
        assertThat(throttle.retryAfter("EVE ", "10.0.0.1", 3 * MINUTE)).isEqualTo(Duration.ofMinutes(12));
        assertThat(throttle.retryAfter("eve", "10.0.0.2", 3 * MINUTE)).isZero();
        assertThat(throttle.retryAfter("bob", "10.0.0.1", 3 * MINUTE)).isZero();
        assertThat(throttle.retryAfter("eve", "10.0.0.1", 15 * MINUTE)).isZero();
    }

    @Test
    void shouldCountAfreshOnceTheWindowHasPassedAndForgetOnSuccess() {
        throttle.failed("eve", "a", 0);
        throttle.failed("eve", "a", MINUTE);
        throttle.failed("eve", "a", 16 * MINUTE);
        assertThat(throttle.retryAfter("eve", "a", 16 * MINUTE)).isZero();
        throttle.failed("eve", "a", 17 * MINUTE);
        throttle.succeeded("eve", "a");
        throttle.failed("eve", "a", 18 * MINUTE);
        assertThat(throttle.retryAfter("eve", "a", 18 * MINUTE)).isZero();
    }

    @Test
    void shouldSweepLapsedPairsSoManyNamesCannotGrowItForEver() {
        for (int i = 0; i < 10_050; i++) {
            throttle.failed("name" + i, "a", 0);
        }
        throttle.failed("late", "a", 20 * MINUTE);
        throttle.failed("late", "a", 20 * MINUTE);
        throttle.failed("late", "a", 20 * MINUTE);
        assertThat(throttle.retryAfter("late", "a", 20 * MINUTE)).isPositive();
        assertThat(throttle.retryAfter("name1", "a", 20 * MINUTE)).isZero();
    }
}
