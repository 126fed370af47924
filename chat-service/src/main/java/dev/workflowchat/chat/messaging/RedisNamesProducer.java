package dev.workflowchat.chat.messaging;

import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.EventParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The Redis names under the configured prefix, and the protocol's event parser. */
@ApplicationScoped
public class RedisNamesProducer {

    @Produces
    @Singleton
    RedisNames redisNames(ChatConfig config) {
        return new RedisNames(config.redis().prefix());
    }

    @Produces
    @ApplicationScoped
    EventParser eventParser(ObjectMapper mapper) {
        return new EventParser(mapper);
    }
}
