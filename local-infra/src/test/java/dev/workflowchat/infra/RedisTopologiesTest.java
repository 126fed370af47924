package dev.workflowchat.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Redis topologies the cluster and Sentinel tests run on, started from the machine's
 * {@code redis-server} (or the embedded one): what they are, and what they cost.
 */
class RedisTopologiesTest {

    @Test
    void shouldFormAClusterWhereKeysOfOneHashTagShareASlotAndOthersDoNot() throws Exception {
        try (RedisCluster cluster = RedisCluster.start()) {
            assertThat(cluster.masters()).hasSize(3);
            assertThat(cluster.nodes()).hasSize(6);
            for (RedisProcess node : cluster.nodes()) {
                assertThat(String.valueOf(node.call("CLUSTER", "INFO"))).contains("cluster_state:ok", "cluster_known_nodes:6");
            }
            // wfchat:in:stream and wfchat:state:in:stream: two slots, two masters here; one MSET is refused
            RedisProcess plain = cluster.masterOf("wfchat:in:stream");
            assertThat(cluster.masterOf("wfchat:state:in:stream")).isNotSameAs(plain);
            assertThatThrownBy(() -> plain.call("MSET", "wfchat:in:stream", "1", "wfchat:state:in:stream", "2"))
                    .hasMessageContaining("CROSSSLOT");
            // {wfchat}:…: one slot, one master, the same MULTI/EXEC and script go through
            RedisProcess tagged = cluster.masterOf("{wfchat}:in:stream");
            assertThat(cluster.masterOf("{wfchat}:state:in:stream")).isSameAs(tagged);
            try (RawRedis redis = RawRedis.connect(tagged.endpoint().uri())) {
                redis.call("MULTI");
                redis.call("SET", "{wfchat}:state:snapshot:default", "{}");
                redis.call("XADD", "{wfchat}:state:stream", "*", "event", "{}");
                assertThat((List<?>) redis.call("EXEC")).hasSize(2);
                assertThat(redis.call("EVAL", "return redis.call('EXISTS', KEYS[1], KEYS[2])", "2",
                        "{wfchat}:state:snapshot:default", "{wfchat}:state:stream")).isEqualTo(2L);
            }
        }
    }

    /**
     * Plain PUBLISH in a cluster goes over the cluster bus to every other node; SPUBLISH (Redis 7) only to the
     * shard's replicas. Figures, not timed assertions: what each publish costs the cluster.
     */
    @Test
    void shouldMeasureWhatPlainAndShardedPublishCostTheCluster() throws Exception {
        try (RedisCluster cluster = RedisCluster.start()) {
            String channel = "{wfchat}:in";
            RedisProcess shard = cluster.masterOf(channel);
            RedisProcess elsewhere = cluster.masters().stream().filter(node -> node != shard).findFirst().orElseThrow();
            int messages = 2000;
            String payload = "x".repeat(300);
            // a plain subscriber on another shard's master still gets it: the message was broadcast there
            try (RawRedis subscriber = RawRedis.connect(elsewhere.endpoint().uri());
                 RawRedis publisher = RawRedis.connect(shard.endpoint().uri())) {
                subscriber.call("SUBSCRIBE", channel);
                long busBefore = cluster.sum("cluster", "cluster_stats_messages_publish_sent");
                long start = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    publisher.call("PUBLISH", channel, payload);
                }
                long plainMicros = (System.nanoTime() - start) / 1000;
                assertThat(((List<?>) subscriber.pushed()).get(2)).isEqualTo(payload);
                long plainBus = cluster.sum("cluster", "cluster_stats_messages_publish_sent") - busBefore;
                assertThat(plainBus).isGreaterThanOrEqualTo((long) messages * (cluster.nodes().size() - 1));
                System.out.printf("[cluster-pubsub] PUBLISH: %d messages of %d bytes, %d cluster-bus messages (%.1f per publish,"
                                + " every other node of %d), %d µs per publish from one client%n", messages, payload.length(), plainBus,
                        plainBus / (double) messages, cluster.nodes().size(), plainMicros / messages);
            }
            if (!supportsShardedPubSub(shard)) {
                System.out.println("[cluster-pubsub] SPUBLISH: not measured, this redis-server is older than 7.0");
                return;
            }
            try (RawRedis subscriber = RawRedis.connect(shard.endpoint().uri());
                 RawRedis publisher = RawRedis.connect(shard.endpoint().uri())) {
                subscriber.call("SSUBSCRIBE", channel);
                long busBefore = cluster.sum("cluster", "cluster_stats_messages_publishshard_sent");
                long start = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    publisher.call("SPUBLISH", channel, payload);
                }
                long shardedMicros = (System.nanoTime() - start) / 1000;
                assertThat(((List<?>) subscriber.pushed()).get(2)).isEqualTo(payload);
                long shardedBus = cluster.sum("cluster", "cluster_stats_messages_publishshard_sent") - busBefore;
                assertThat(shardedBus).isLessThan((long) messages * (cluster.nodes().size() - 1));
                System.out.printf("[cluster-pubsub] SPUBLISH: %d messages of %d bytes, %d cluster-bus messages (%.1f per publish,"
                                + " the shard's replica only), %d µs per publish from one client%n", messages, payload.length(),
                        shardedBus, shardedBus / (double) messages, shardedMicros / messages);
            }
        }
    }

    @Test
    void shouldPromoteTheReplicaWhenTheMastersProcessIsKilled() throws Exception {
        try (RedisSentinels sentinels = RedisSentinels.start()) {
            assertThat(sentinels.masterPort()).isEqualTo(sentinels.master().port());
            sentinels.master().call("SET", "before", "1");
            // the write must be on the replica before the kill, or the promotion has nothing to keep. WAIT's
            // answer went unread before, and one CI run found the key gone after the promotion; if it happens
            // again, the processes' logs in the failure say whether the replica ever had it
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(sentinels.replica().call("GET", "before")).isEqualTo("1"));
            assertThat(sentinels.masterPort()).as("no failover before the kill; the logs:%n%s", sentinels.logs())
                    .isEqualTo(sentinels.master().port());
            long killed = System.nanoTime();
            sentinels.master().kill();
            await().atMost(Duration.ofSeconds(30)).until(() -> sentinels.masterPort() == sentinels.replica().port());
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    String.valueOf(sentinels.replica().call("INFO", "replication")).contains("role:master"));
            System.out.printf("[sentinel] from kill -9 of the master to the replica promoted: %d ms%n",
                    (System.nanoTime() - killed) / 1_000_000);
            assertThat(sentinels.replica().call("GET", "before")).as("the logs:%n%s", sentinels.logs()).isEqualTo("1");
        }
    }

    /** The fallback of a machine without redis-server: the binary the embedded-redis jar carries runs. */
    @Test
    void shouldUnpackTheEmbeddedBinaryWhenTheMachineHasNone() throws Exception {
        Process version = new ProcessBuilder(RedisBinary.embedded().toString(), "--version").redirectErrorStream(true).start();
        assertThat(new String(version.getInputStream().readAllBytes())).startsWith("Redis server v=");
        assertThat(version.waitFor()).isZero();
    }

    private static boolean supportsShardedPubSub(RedisProcess node) throws IOException {
        String server = String.valueOf(node.call("INFO", "server"));
        return server.lines().filter(line -> line.startsWith("redis_version:"))
                .anyMatch(line -> Integer.parseInt(line.substring("redis_version:".length()).split("\\.")[0]) >= 7);
    }
}
