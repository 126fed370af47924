package dev.workflowchat.protocol.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.protocol.ProtocolJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared examples of every event type, valid and invalid ({@code fixtures/events.json}),
 * for any module's tests: decoders must accept the valid ones and refuse the others.
 */
public final class EventFixtures {

    /** One example: its raw payload and, when invalid, a part of the expected reason. */
    public record Fixture(String name, boolean valid, String type, String reason, String raw) {

        /** The payload with its id replaced, to send it again as a new event. */
        public String withId(String id) {
            JsonNode tree = readTree(raw);
            if (tree != null && tree.isObject()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("id", id);
                return tree.toString();
            }
            return raw;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private EventFixtures() {
    }

    public static List<Fixture> all() {
        try (InputStream in = EventFixtures.class.getResourceAsStream("/fixtures/events.json")) {
            if (in == null) {
                throw new IllegalStateException("fixtures/events.json is missing from the classpath");
            }
            List<Fixture> fixtures = new ArrayList<>();
            for (JsonNode entry : ProtocolJson.mapper().readTree(in)) {
                String raw = entry.has("raw") ? entry.get("raw").asText() : entry.get("payload").toString();
                fixtures.add(new Fixture(entry.get("name").asText(), entry.get("valid").asBoolean(),
                        entry.path("type").asText(null), entry.path("reason").asText(null), raw));
            }
            return List.copyOf(fixtures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Fixture> valid() {
        return all().stream().filter(Fixture::valid).toList();
    }

    public static List<Fixture> invalid() {
        return all().stream().filter(fixture -> !fixture.valid()).toList();
    }

    /** The valid example of one type. */
    public static Fixture validOf(String type) {
        return valid().stream().filter(fixture -> type.equals(fixture.type())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no valid fixture of type " + type));
    }

    private static JsonNode readTree(String raw) {
        try {
            return ProtocolJson.mapper().readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }
}
