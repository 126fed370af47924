package dev.workflowchat.state.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.state.config.StateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The Redis names under the configured prefix, and the protocol's event parser. */
@ApplicationScoped
public class Producers {

    @Produces
    @Singleton
    RedisNames redisNames(StateConfig config) {
        return new RedisNames(config.redis().prefix());
    }

    @Produces
    @ApplicationScoped
    EventParser eventParser(ObjectMapper mapper) {
        return new EventParser(mapper);
    }
}
