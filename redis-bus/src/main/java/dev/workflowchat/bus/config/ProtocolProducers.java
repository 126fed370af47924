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
    RedisNames redisNames(@ConfigProperty(name = "wfchat.redis.prefix", defaultValue = "wfchat") String prefix) {
        return new RedisNames(prefix);
    }

    @Produces
    @ApplicationScoped
    EventParser eventParser(ObjectMapper mapper) {
        return new EventParser(mapper);
    }
}
