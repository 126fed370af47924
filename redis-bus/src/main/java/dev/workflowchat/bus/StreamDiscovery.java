package dev.workflowchat.bus;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.RedisValueType;
import io.smallrye.mutiny.Uni;
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

    private StreamDiscovery() {
    }

    /**
     * Adds to {@code reader} the streams matching {@code pattern} that belong to an agent
     * ({@code agentOf} names it) and are not read yet. A failed look is logged and changes nothing:
     * the next one finds them.
     */
    public static Uni<Void> addNewAgentStreams(ReactiveRedisDataSource redis, StreamGroupReader reader, String pattern,
                                               Function<String, Optional<String>> agentOf) {
        return Reconnect.bounded(redis.key(String.class)
                        .scan(new KeyScanArgs().match(pattern).type(RedisValueType.STREAM).count(SCAN_COUNT))
                        .toMulti().collect().asList(), "SCAN " + pattern)
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
}
