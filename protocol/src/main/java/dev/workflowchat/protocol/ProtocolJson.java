package dev.workflowchat.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;

/** The JSON settings of the wire contract: snake_case names, RFC 3339 times, bounded input. */
public final class ProtocolJson {

    /** Deeper nesting than this is refused before it can exhaust the stack (JSON bombs). */
    public static final int MAX_NESTING_DEPTH = 64;

    /** No string in any payload needs more; content is limited far lower by validation. */
    public static final int MAX_STRING_LENGTH = 1_048_576;

    private static final ObjectMapper MAPPER = configure(new ObjectMapper(jsonFactory()));

    private ProtocolJson() {
    }

    /** The shared mapper of plain-Java users of the protocol (agents, tools, tests). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Applies the contract's settings to a mapper someone else owns (e.g. Quarkus's). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(readConstraints());
        // An object naming a key twice is malformed: readers that keep the first and readers that keep
        // the last would see two different messages (and Jackson's record binding fails with a 500).
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return mapper
                .registerModule(new JavaTimeModule())
                // after the JSR-310 module, so it is asked first: the common shape of a time read fast
                .registerModule(new SimpleModule("rfc3339-times").addDeserializer(Instant.class, new Rfc3339.InstantReader()))
                .registerModule(new SimpleModule("refuse-nul").addDeserializer(String.class, new NulCharacters.RefusingStrings()))
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static JsonFactory jsonFactory() {
        return JsonFactory.builder().streamReadConstraints(readConstraints()).build();
    }

    private static StreamReadConstraints readConstraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(64)
                .build();
    }
}
