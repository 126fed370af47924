package dev.workflowchat.chat.websocket;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.protocol.frame.ClientFrameParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The protocol module's frame parser, on Quarkus's (protocol-configured) mapper. */
@ApplicationScoped
public class ParserProducer {

    @Produces
    @ApplicationScoped
    ClientFrameParser clientFrameParser(ObjectMapper mapper) {
        return new ClientFrameParser(mapper);
    }
}
