package dev.workflowchat.bus;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.RedisValueType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Finds streams by a key pattern and adds the new ones to a group reader: each agent's own way in
 * appears the first time the agent writes, while the services run. One way for every service.
 */
public final class StreamDiscovery {

    private static final Logger LOG = Logger.getLogger(StreamDiscovery.class);
    private static final int SCAN_COUNT = 1000;
    /**
     * One SCAN step, sent as a script with a key of the pattern's hash tag so that a cluster client sends it
     * to the node holding that slot: a plain SCAN names no key, and a cluster client sends it to any node.
     */
    private static final String SCAN_STEP =
            "return redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3], 'TYPE', 'stream')";

    private StreamDiscovery() {
    }

    /**
     * Adds to {@code reader} the streams matching {@code pattern} that belong to an agent
     * ({@code agentOf} names it) and are not read yet. A failed look is logged and changes nothing:
     * the next one finds them.
     */
    public static Uni<Void> addNewAgentStreams(ReactiveRedisDataSource redis, StreamGroupReader reader, String pattern,
                                               Function<String, Optional<String>> agentOf) {
        return Reconnect.bounded(streams(redis, pattern), "SCAN " + pattern)
                .invoke(found -> found.stream()
                        .filter(stream -> !reader.streams().contains(stream))
                        .forEach(stream -> agentOf.apply(stream).ifPresent(agent -> {
                            LOG.infof("reading agent %s's own way in, %s", agent, stream);
                            reader.add(stream);
                        })))
                .onFailure().invoke(failure -> LOG.debugf("looking for agents' streams failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * The streams matching {@code pattern}. Under a prefix with a hash tag ({@code {wfchat}:in:*:stream}) every
     * match lives in that tag's slot, so the scan goes step by step to the node serving it (on one Redis, the
     * same as a SCAN); without one, a plain SCAN, which on a Redis Cluster sees one node only (the docs ask for
     * the hash-tag prefix there).
     */
    static Uni<List<String>> streams(ReactiveRedisDataSource redis, String pattern) {
        String fixed = pattern.substring(0, Math.max(0, pattern.indexOf('*')));
        if (!hasHashTag(fixed)) {
            return redis.key(String.class)
                    .scan(new KeyScanArgs().match(pattern).type(RedisValueType.STREAM).count(SCAN_COUNT))
                    .toMulti().collect().asList();
        }
        List<String> found = new ArrayList<>();
        return scanFrom(redis, fixed, pattern, "0", found).replaceWith(found);
    }

    private static Uni<Void> scanFrom(ReactiveRedisDataSource redis, String routeKey, String pattern, String cursor,
                                      List<String> found) {
        return redis.execute("EVAL", SCAN_STEP, "1", routeKey, cursor, pattern, String.valueOf(SCAN_COUNT))
                .chain(step -> {
                    for (Response key : step.get(1)) {
                        found.add(key.toString());
                    }
                    String next = step.get(0).toString();
                    return "0".equals(next) ? Uni.createFrom().voidItem() : scanFrom(redis, routeKey, pattern, next, found);
                });
    }

    /** Whether Redis Cluster would hash {@code key} by a tag: a {@code {…}} with something inside. */
    static boolean hasHashTag(String key) {
        int open = key.indexOf('{');
        int close = open < 0 ? -1 : key.indexOf('}', open + 1);
        return close > open + 1;
    }
}
