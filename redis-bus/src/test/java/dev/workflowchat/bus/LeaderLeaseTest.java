package dev.workflowchat.bus;

import static dev.workflowchat.bus.BusRedis.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.protocol.RedisNames;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The leader lease against a real Redis: one holder at a time, takeover after expiry, fencing tokens that grow. */
class LeaderLeaseTest {

    private static final Duration SHORT = Duration.ofMillis(400);

    @RegisterExtension
    static final BusRedis bus = new BusRedis();

    @Test
    void oneHolderAtATimeAndItsRenewalsKeepItsToken() {
        String role = role();
        LeaderLease first = lease(role, "first", Duration.ofSeconds(30));
        LeaderLease second = lease(role, "second", Duration.ofSeconds(30));

        long token = hold(first);
        assertThat(token).isPositive();
        assertThat(hold(second)).isZero();
        assertThat(second.holds()).isFalse();
        assertThat(hold(first)).isEqualTo(token);
        assertThat(first.token()).hasValue(token);
        assertThat(bus.call("GET", names().leaderLease(role))).isEqualTo("first " + token);
    }

    @Test
    void aHolderThatStopsRenewingLosesTheRoleToTheNextWithAHigherToken() {
        String role = role();
        LeaderLease old = lease(role, "old", SHORT);
        LeaderLease standby = lease(role, "standby", SHORT);
        long oldToken = hold(old);

        // the old holder is paused (it renews nothing): once its time is up it believes it holds nothing
        await().atMost(BOUND).until(() -> !old.holds());
        long newToken = await().atMost(BOUND).until(() -> hold(standby), token -> token > 0);
        assertThat(newToken).isGreaterThan(oldToken);

        // woken, the old holder can't renew what another holds now
        assertThat(hold(old)).isZero();
        assertThat(old.holds()).isFalse();
        assertThat(standby.token()).hasValue(newToken);
    }

    @Test
    void releasingHandsTheRoleOverAtOnceButOnlyTheHoldersOwn() {
        String role = role();
        LeaderLease leaving = lease(role, "leaving", Duration.ofSeconds(30));
        LeaderLease next = lease(role, "next", Duration.ofSeconds(30));
        LeaderLease never = lease(role, "never", Duration.ofSeconds(30));
        hold(leaving);

        never.release().await().atMost(BOUND); // held nothing: gives back nothing
        assertThat(hold(next)).isZero();

        leaving.release().await().atMost(BOUND);
        assertThat(leaving.holds()).isFalse();
        assertThat(hold(next)).isPositive();
    }

    @Test
    void aHolderIsANameWithoutSpacesAndALeaseLastsAtLeastAMillisecond() {
        String role = role();
        assertThatThrownBy(() -> lease(role, "two words", SHORT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lease(role, " ", SHORT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lease(role, "zero", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHolderWhoseNameStartsAnotherHoldersNameIsNotTakenForIt() {
        String role = role();
        LeaderLease bridge = lease(role, "bridge-1", Duration.ofSeconds(30));
        LeaderLease prefix = lease(role, "bridge", Duration.ofSeconds(30));
        hold(bridge);
        assertThat(hold(prefix)).isZero();
    }

    private static long hold(LeaderLease lease) {
        return lease.tryHold().await().atMost(BOUND);
    }

    private static LeaderLease lease(String role, String holder, Duration ttl) {
        return new LeaderLease(bus.redis(), names().leaderLease(role), names().leaderFence(role), holder, ttl);
    }

    private static RedisNames names() {
        return new RedisNames(bus.prefix());
    }

    private static String role() {
        return "role" + System.nanoTime();
    }
}
