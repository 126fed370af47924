package dev.workflowchat.bus;

import static dev.workflowchat.bus.BusRedis.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.protocol.RedisNames;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A leader whose renewals fail for longer than its lease (Redis failing over) still leads, but is
 * not acting until it renews; {@link Leadership#actNow()} renews at once rather than a third of a
 * lease later, and finds out at once when another took the lease meanwhile. The leader's Redis
 * user loses {@code EVAL} for a while (an ACL user of its own), so its renewals fail while the
 * shared Redis serves everyone else.
 */
class LeadershipTest {

    /** Renewed every 0.6 s: the test's {@code actNow} comes long before the next renewal. */
    private static final Duration LEASE = Duration.ofMillis(1_800);

    @RegisterExtension
    static final BusRedis bus = new BusRedis();

    private final String user = "leader" + System.nanoTime();
    private final String role = "role" + System.nanoTime();
    private final AtomicLong ledWith = new AtomicLong();
    private final AtomicInteger lost = new AtomicInteger();
    private Leadership leadership;

    @BeforeEach
    void lead() {
        bus.call("ACL", "SETUSER", user, "on", ">secret", "~*", "&*", "+@all");
        LeaderLease lease = new LeaderLease(bus.redisAs(user, "secret"), names().leaderLease(role),
                names().leaderFence(role), "this-process", LEASE);
        leadership = new Leadership(lease, role, LEASE);
        leadership.await(bus.vertx(), ledWith::set, lost::incrementAndGet);
        await().atMost(BOUND).until(() -> ledWith.get() > 0 && leadership.acting());
    }

    @AfterEach
    void stop() {
        leadership.stop();
        bus.call("ACL", "DELUSER", user);
    }

    @Test
    void aLeaderWhoseLeaseLapsedWhileRedisRefusedRenewsItTheMomentItIsAskedToAct() {
        lapse();
        assertThat(leadership.actNow().await().atMost(BOUND)).as("Redis still refuses").isFalse();

        bus.call("ACL", "SETUSER", user, "+@all");
        assertThat(leadership.actNow().await().atMost(BOUND)).isTrue();
        assertThat(leadership.acting()).isTrue();
        assertThat(lost).hasValue(0);
    }

    @Test
    void aLeaderWhoseLeaseWasTakenMeanwhileIsToldSoTheMomentItIsAskedToAct() {
        lapse();
        bus.call("SET", names().leaderLease(role), "another-process 99", "PX", "60000");

        bus.call("ACL", "SETUSER", user, "+@all");
        assertThat(leadership.actNow().await().atMost(BOUND)).isFalse();
        assertThat(leadership.leading()).isFalse();
        assertThat(lost).hasValue(1);
    }

    @Test
    void aStandbyIsNotMadeToActByBeingAsked() {
        LeaderLease other = new LeaderLease(bus.redis(), names().leaderLease(role), names().leaderFence(role),
                "other-process", LEASE);
        Leadership standby = new Leadership(other, role, LEASE);
        standby.await(bus.vertx(), token -> { }, () -> { });
        try {
            await().atMost(BOUND).until(standby::standingBy);
            assertThat(standby.actNow().await().atMost(BOUND)).isFalse();
            assertThat(standby.leading()).isFalse();
        } finally {
            standby.stop();
        }
    }

    /**
     * The leader's user may no longer run scripts, so each renewal is refused (NOPERM), until its
     * lease runs out: it still leads, but is not acting.
     */
    private void lapse() {
        bus.call("ACL", "SETUSER", user, "-eval", "-evalsha");
        await().atMost(BOUND).until(() -> !leadership.acting());
        assertThat(leadership.leading()).isTrue();
    }

    private static RedisNames names() {
        return new RedisNames(bus.prefix());
    }
}
