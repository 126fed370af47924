package dev.workflowchat.bus.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.protocol.ProtocolJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** One JSON dialect for everything a service reads and writes (REST, WebSocket frames, Redis): the protocol module's. */
@Singleton
public class ProtocolJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        ProtocolJson.configure(mapper);
    }
}
