package dev.workflowchat.bridge.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.EventParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The Redis names under the configured prefix, and the protocol's event parser. */
@ApplicationScoped
public class Producers {

    @Produces
    @Singleton
    RedisNames redisNames(BridgeConfig config) {
        return new RedisNames(config.redis().prefix());
    }

    @Produces
    @ApplicationScoped
    EventParser eventParser(ObjectMapper mapper) {
        return new EventParser(mapper);
    }
}
