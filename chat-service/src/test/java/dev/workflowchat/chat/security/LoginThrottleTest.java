package dev.workflowchat.chat.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The limiter against the run's Redis: two instances stand for two replicas sharing it. */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LoginThrottleTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    RedisNames names;

    private LoginThrottle replica(int perPair, int perUser, Duration window) {
        return new LoginThrottle(redis, names, perPair, perUser, window);
    }

    private static String someone() {
        return "eve-" + UUID.randomUUID();
    }

    private static Duration retryAfter(LoginThrottle throttle, String username, String address) {
        return throttle.retryAfter(username, address).await().atMost(WAIT);
    }

    private static void fail(LoginThrottle throttle, String username, String address) {
        throttle.failed(username, address).await().atMost(WAIT);
    }

    @Test
    void shouldRefuseAPairAfterItsLimitOnEveryReplicaUntilTheWindowEnds() {
        LoginThrottle one = replica(3, 20, Duration.ofMinutes(15));
        LoginThrottle other = replica(3, 20, Duration.ofMinutes(15));
        String eve = someone();
        fail(one, eve, "10.0.0.1");
        fail(other, eve, "10.0.0.1");
        assertThat(retryAfter(one, eve, "10.0.0.1")).isZero();
        fail(one, eve, "10.0.0.1");

        assertThat(retryAfter(other, eve, "10.0.0.1")).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
        assertThat(retryAfter(one, eve.toUpperCase() + " ", "10.0.0.1")).isPositive();
        assertThat(retryAfter(one, eve, "10.0.0.2")).isZero();
        assertThat(retryAfter(one, someone(), "10.0.0.1")).isZero();
    }

    @Test
    void shouldRefuseAUsernameFromEveryAddressOnceItsOwnLimitIsReached() {
        LoginThrottle throttle = replica(5, 20, Duration.ofMinutes(15));
        String eve = someone();
        // a guesser who forges a new X-Forwarded-For at every try
        for (int i = 0; i < 20; i++) {
            assertThat(retryAfter(throttle, eve, "198.51.100." + i)).isZero();
            fail(throttle, eve, "198.51.100." + i);
        }
        assertThat(retryAfter(throttle, eve, "203.0.113.99")).isPositive();
        assertThat(retryAfter(throttle, someone(), "203.0.113.99")).isZero();
    }

    @Test
    void shouldForgetAPairOnSuccessButKeepTheUsernamesCount() {
        LoginThrottle throttle = replica(3, 5, Duration.ofMinutes(15));
        String eve = someone();
        fail(throttle, eve, "a");
        fail(throttle, eve, "a");
        throttle.succeeded(eve, "a").await().atMost(WAIT);
        fail(throttle, eve, "a");
        fail(throttle, eve, "a");
        assertThat(retryAfter(throttle, eve, "a")).as("2 since the success, of 3").isZero();
        fail(throttle, eve, "a");
        assertThat(retryAfter(throttle, eve, "b")).as("5 for the username in all").isPositive();
    }

    @Test
    void shouldLetAPairTryAgainOnceItsWindowHasPassed() {
        LoginThrottle throttle = replica(2, 20, Duration.ofSeconds(1));
        String eve = someone();
        fail(throttle, eve, "a");
        fail(throttle, eve, "a");
        assertThat(retryAfter(throttle, eve, "a")).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> retryAfter(throttle, eve, "a").isZero());
        fail(throttle, eve, "a");
        assertThat(retryAfter(throttle, eve, "a")).as("counting afresh").isZero();
    }
}
