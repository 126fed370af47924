package dev.workflowchat.chat.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.chat.config.ChatConfig;
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

    /** The limits of one test: per pair, per address, per username (then the growing wait), the longest wait, the window. */
    private record Limits(int maxFailures, int maxFailuresPerAddress, int maxFailuresPerUser, Duration maxDelay,
                          Duration failureWindow) implements ChatConfig.Login {
    }

    private LoginThrottle replica(int perPair, int perAddress, int perUser, Duration maxDelay, Duration window) {
        return new LoginThrottle(redis, names, new Limits(perPair, perAddress, perUser, maxDelay, window));
    }

    private LoginThrottle replica(int perPair, Duration window) {
        return replica(perPair, 1000, 1000, Duration.ofMinutes(1), window);
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
        LoginThrottle one = replica(3, Duration.ofMinutes(15));
        LoginThrottle other = replica(3, Duration.ofMinutes(15));
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
    void shouldRefuseAnAddressThatSpraysPasswordsOverManyUsernames() {
        // the probe: 30 users × 4 passwords from one address were never refused
        LoginThrottle throttle = replica(5, 20, 1000, Duration.ofMinutes(1), Duration.ofMinutes(15));
        String sprayer = "203.0.113." + (int) (Math.random() * 250);
        int tried = 0;
        for (int user = 0; user < 30 && retryAfter(throttle, "victim-" + user, sprayer).isZero(); user++) {
            for (int guess = 0; guess < 4 && retryAfter(throttle, "victim-" + user, sprayer).isZero(); guess++) {
                fail(throttle, "victim-" + user, sprayer);
                tried++;
            }
        }
        assertThat(tried).as("failures the address had before it was refused").isEqualTo(20);
        assertThat(retryAfter(throttle, someone(), sprayer)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
        assertThat(retryAfter(throttle, "victim-0", "198.51.100.7")).as("the person, from elsewhere").isZero();
    }

    @Test
    void shouldMakeAGuessedUsernameWaitLongerAndLongerButNeverLockItOut() {
        LoginThrottle throttle = replica(5, 1000, 3, Duration.ofSeconds(2), Duration.ofMinutes(15));
        String eve = someone();
        // a guesser with a new address at every try
        for (int i = 0; i < 3; i++) {
            fail(throttle, eve, "198.51.100." + i);
        }
        assertThat(retryAfter(throttle, eve, "203.0.113.9")).as("1 s after the failure that reached the limit")
                .isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> retryAfter(throttle, eve, "203.0.113.9").isZero());
        fail(throttle, eve, "198.51.100.3");
        assertThat(retryAfter(throttle, eve, "203.0.113.9")).as("doubled").isGreaterThan(Duration.ofSeconds(1))
                .isLessThanOrEqualTo(Duration.ofSeconds(2));
        await().atMost(WAIT).until(() -> retryAfter(throttle, eve, "203.0.113.9").isZero());
        fail(throttle, eve, "198.51.100.4");
        assertThat(retryAfter(throttle, eve, "203.0.113.9")).as("never more than the longest wait")
                .isGreaterThan(Duration.ofSeconds(1)).isLessThanOrEqualTo(Duration.ofSeconds(2));
        await("the person may try again after the wait").atMost(WAIT).until(
                () -> retryAfter(throttle, eve, "203.0.113.9").isZero());
    }

    @Test
    void shouldForgetAPairOnSuccessButKeepTheUsernamesCount() {
        LoginThrottle throttle = replica(3, 1000, 5, Duration.ofMinutes(1), Duration.ofMinutes(15));
        String eve = someone();
        fail(throttle, eve, "a");
        fail(throttle, eve, "a");
        throttle.succeeded(eve, "a").await().atMost(WAIT);
        fail(throttle, eve, "a");
        fail(throttle, eve, "a");
        assertThat(retryAfter(throttle, eve, "a")).as("2 since the success, of 3").isZero();
        fail(throttle, eve, "a");
        assertThat(retryAfter(throttle, eve, "b")).as("5 for the username in all: a wait from anywhere").isPositive();
    }

    @Test
    void shouldLetAPairTryAgainOnceItsWindowHasPassed() {
        LoginThrottle throttle = replica(2, Duration.ofSeconds(1));
        String eve = someone();
        fail(throttle, eve, "a");
        fail(throttle, eve, "a");
        assertThat(retryAfter(throttle, eve, "a")).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> retryAfter(throttle, eve, "a").isZero());
        fail(throttle, eve, "a");
        assertThat(retryAfter(throttle, eve, "a")).as("counting afresh").isZero();
    }
}
