package dev.workflowchat.bus.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.EventParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Redis names under the configured prefix, and the protocol's event parser on Quarkus's
 * (protocol-configured) mapper, for every service. The prefix is {@code wfchat.redis.prefix}, which
 * each service also declares in its own {@code @ConfigMapping} (with its doc comment and default).
 */
@ApplicationScoped
public class ProtocolProducers {

    @Produces
    @Singleton
    RedisNames redisNames(@ConfigProperty(name = "wfchat.redis.prefix", defaultValue = "wfchat") String prefix,
                          @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        return names(prefix, clientType);
    }

    /**
     * The names, refused at start on a Redis Cluster unless the prefix is a hash tag: without one the state
     * cache's MULTI/EXEC and the login throttle's script fail with CROSSSLOT at the first use, and agents'
     * streams on other nodes go unread, long after a start that looked fine.
     */
    static RedisNames names(String prefix, String clientType) {
        RedisNames names = new RedisNames(prefix);
        if ("cluster".equalsIgnoreCase(clientType.trim()) && names.hashTag().isEmpty()) {
            throw new IllegalStateException("on a Redis Cluster (quarkus.redis.client-type=cluster) WFCHAT_REDIS_PREFIX must"
                    + " be a hash tag, e.g. " + RedisNames.CLUSTER_PREFIX + ", so that every multi-key command stays in one"
                    + " slot; it is '" + prefix + "' (docs/operations.md, Redis Cluster)");
        }
        return names;
    }

    @Produces
    @ApplicationScoped
    EventParser eventParser(ObjectMapper mapper) {
        return new EventParser(mapper);
    }
}
