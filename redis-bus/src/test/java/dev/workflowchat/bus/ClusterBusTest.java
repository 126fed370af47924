package dev.workflowchat.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.infra.RedisCluster;
import dev.workflowchat.infra.RedisProcess;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.client.ObservableRedis;
import io.quarkus.redis.runtime.client.ObservableRedisMetrics;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisClusterTransactions;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bus on a real three-master Redis Cluster through the cluster client the services use
 * ({@code quarkus.redis.client-type=cluster}), with the names under a hash-tag prefix: every
 * multi-key command the services send stays in one slot, and the agents' streams are found.
 */
class ClusterBusTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static RedisCluster cluster;
    private static Vertx vertx;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = RedisCluster.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        vertx.closeAndAwait();
        cluster.close();
    }

    @Test
    void shouldFindEveryAgentStreamOfATaggedPrefixWhicheverNodeTheClientPicks() {
        ReactiveRedisDataSource redis = client(RedisClusterTransactions.DISABLED);
        RedisNames names = new RedisNames("{" + "discovery-" + System.nanoTime() + "}");
        for (String agent : List.of("alice", "bob", "carol")) {
            cluster.call(names.inStream(agent), "XADD", names.inStream(agent), "*", "event", "{}");
        }
        // all on the node of the tag's slot: a plain SCAN would see them from one node in three
        RedisProcess holder = cluster.masterOf(names.inStream());
        assertThat(List.of("alice", "bob", "carol")).allMatch(agent -> cluster.masterOf(names.inStream(agent)) == holder);
        for (int look = 0; look < 6; look++) {
            StreamGroupReader reader = StreamGroupReader.ofStreams(redis.stream(String.class), "group", "consumer", 10,
                    (stream, envelopes) -> Uni.createFrom().voidItem(), entry -> Uni.createFrom().voidItem());
            StreamDiscovery.addNewAgentStreams(redis, reader, names.agentsInStreamPattern(), names::agentOfIn)
                    .await().atMost(BOUND);
            assertThat(reader.streams()).as("look %d", look).containsExactlyInAnyOrder(
                    names.inStream("alice"), names.inStream("bob"), names.inStream("carol"));
        }
    }

    @Test
    void shouldRunTheStateBroadcastersMultiExecOnlyWithSingleNodeTransactionsAndATaggedPrefix() {
        RedisNames tagged = new RedisNames("{" + "tx-" + System.nanoTime() + "}");
        ReactiveRedisDataSource disabled = client(RedisClusterTransactions.DISABLED);
        assertThatThrownBy(() -> transaction(disabled, tagged).await().atMost(BOUND))
                .hasMessageContaining("Transactions in Redis cluster disabled");

        ReactiveRedisDataSource singleNode = client(RedisClusterTransactions.SINGLE_NODE);
        transaction(singleNode, tagged).await().atMost(BOUND);
        assertThat(cluster.call(tagged.stateSnapshot("default"), "GET", tagged.stateSnapshot("default"))).isEqualTo("{}");

        // a prefix without a tag whose two keys land on two masters (most do; the first that does)
        RedisNames plain = new RedisNames("tx-" + System.nanoTime());
        for (int n = 0; cluster.masterOf(plain.stateSnapshot("default")) == cluster.masterOf(plain.stateStream()); n++) {
            plain = new RedisNames("tx-" + n + "-" + System.nanoTime());
        }
        RedisNames spread = plain;
        assertThatThrownBy(() -> transaction(singleNode, spread).await().atMost(BOUND)).isNotNull();
    }

    @Test
    void shouldRunAScriptOfThreeKeysUnderATaggedPrefix() {
        ReactiveRedisDataSource redis = client(RedisClusterTransactions.SINGLE_NODE);
        String p = "{" + "eval-" + System.nanoTime() + "}";
        long touched = redis.execute("EVAL", "redis.call('INCR', KEYS[1]) redis.call('INCR', KEYS[2]) "
                        + "return redis.call('INCR', KEYS[3])", "3", p + ":login:failures:a", p + ":login:failures:b",
                p + ":login:failures:c").await().atMost(BOUND).toLong();
        assertThat(touched).isEqualTo(1);
    }

    @Test
    void shouldHearAgentsChannelsByPatternWhereverThePublishGoes() {
        ReactiveRedisDataSource redis = client(RedisClusterTransactions.SINGLE_NODE);
        RedisNames names = new RedisNames("{" + "pubsub-" + System.nanoTime() + "}");
        List<String> heard = new CopyOnWriteArrayList<>();
        Cancellable subscription = ResilientSubscriber.subscribeToPattern(redis.pubsub(String.class),
                names.agentsInPattern(), (channel, message) -> {
                    heard.add(channel + " " + message);
                    return Uni.createFrom().voidItem();
                });
        try {
            // published on every master in turn: a plain PUBLISH reaches a subscriber on any node
            await().atMost(BOUND).until(() -> {
                for (RedisProcess master : cluster.masters()) {
                    master.call("PUBLISH", names.in("bot"), "hello");
                }
                return heard.size() >= cluster.masters().size();
            });
            assertThat(heard).allMatch(line -> line.equals(names.in("bot") + " hello"));
        } finally {
            subscription.cancel();
        }
    }

    @Test
    void shouldCountSubscribersOfEveryNodeForAPublishOnACluster() throws Exception {
        ReactiveRedisDataSource redis = client(RedisClusterTransactions.SINGLE_NODE);
        String channel = "{" + "count-" + System.nanoTime() + "}:state:commands";
        try (dev.workflowchat.infra.RawRedis listener = dev.workflowchat.infra.RawRedis.connect(
                cluster.masters().get(0).endpoint().uri())) {
            listener.call("SUBSCRIBE", channel);
            // the client publishes on whichever node it picks; one subscriber heard it each time
            for (int i = 0; i < 6; i++) {
                assertThat(PublishCount.publish(redis, true, channel, "command " + i).await().atMost(BOUND)).isEqualTo(1L);
                assertThat(((List<?>) listener.pushed()).get(2)).isEqualTo("command " + i);
            }
        }
        assertThat(PublishCount.publish(redis, true, channel + ":nobody", "lost").await().atMost(BOUND)).isZero();
    }

    private static Uni<Void> transaction(ReactiveRedisDataSource redis, RedisNames names) {
        return redis.withTransaction(tx -> tx.value(String.class).set(names.stateSnapshot("default"), "{}")
                .chain(() -> tx.stream(String.class).xadd(names.stateStream(), java.util.Map.of("event", "{}")))).replaceWithVoid();
    }

    private static ReactiveRedisDataSource client(RedisClusterTransactions transactions) {
        RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER).setMaxPoolSize(8).setMaxPoolWaiting(64)
                .setClusterTransactions(transactions);
        for (String host : cluster.hosts().split(",")) {
            options.addConnectionString(host);
        }
        // wrapped as Quarkus wraps the services' client (for its metrics)
        Redis client = Redis.newInstance(new ObservableRedis(
                io.vertx.redis.client.Redis.createClient(vertx.getDelegate(), options), "test", ObservableRedisMetrics.NOOP));
        return new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
    }
}
