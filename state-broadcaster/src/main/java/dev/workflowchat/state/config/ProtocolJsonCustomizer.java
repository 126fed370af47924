package dev.workflowchat.state.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.protocol.ProtocolJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** The protocol module's JSON dialect for everything this service writes. */
@Singleton
public class ProtocolJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        ProtocolJson.configure(mapper);
    }
}
