package dev.workflowchat.bus;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisCluster;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.lang.reflect.Field;

/**
 * A PUBLISH that says how many subscribers heard it, on a Redis Cluster too. There PUBLISH answers only
 * the subscribers of the node it ran on, while the message goes to every node's: a state-broadcaster
 * subscribed on another node heard it, and PUBLISH said 0. So on a cluster a 0 is checked against
 * {@code PUBSUB NUMSUB} on every node.
 */
public final class PublishCount {

    private PublishCount() {
    }

    /** PUBLISH {@code message} on {@code channel}: how many subscribers heard it. */
    public static Uni<Long> publish(ReactiveRedisDataSource redis, boolean cluster, String channel, String message) {
        Uni<Long> local = redis.execute("PUBLISH", channel, message).map(io.vertx.mutiny.redis.client.Response::toLong);
        return cluster ? local.chain(heard -> heard > 0 ? Uni.createFrom().item(heard) : subscribers(redis, channel)) : local;
    }

    /** Whether {@code quarkus.redis.client-type} names a cluster. */
    public static boolean isCluster(String clientType) {
        return "cluster".equalsIgnoreCase(clientType.trim());
    }

    private static Uni<Long> subscribers(ReactiveRedisDataSource redis, String channel) {
        return Uni.createFrom().item(() -> RedisCluster.create(clusterClient(redis.getRedis().getDelegate())))
                .chain(cluster -> Uni.createFrom().completionStage(() -> cluster
                        .onAllNodes(Request.cmd(Command.PUBSUB).arg("NUMSUB").arg(channel)).toCompletionStage()))
                .map(answers -> answers.stream().mapToLong(PublishCount::count).sum());
    }

    /**
     * The Vert.x cluster client under Quarkus's metrics wrapper ({@code ObservableRedis}, which keeps it in a
     * private field {@code redis} and offers no way to it), which {@link RedisCluster} needs to reach every
     * node. Read reflectively: if a Quarkus upgrade renames it, {@link RedisCluster#create} refuses the
     * wrapper and the publish counts as heard by none (the old answer); RedisClusterIT would say so.
     */
    static Redis clusterClient(Redis redis) {
        try {
            Field inner = redis.getClass().getDeclaredField("redis");
            inner.setAccessible(true);
            return inner.get(redis) instanceof Redis wrapped ? wrapped : redis;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return redis;
        }
    }

    /** NUMSUB answers [channel, count]. */
    private static long count(Response answer) {
        return answer == null || answer.size() < 2 ? 0 : answer.get(1).toLong();
    }
}
