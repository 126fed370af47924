package dev.workflowchat.protocol;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * U+0000 (NUL) is refused in every text of the contract. JSON allows it as {@code \u0000}, but
 * PostgreSQL stores it neither in text nor in jsonb, so it would fail deep inside a write as a
 * server error instead of at the door as a bad request.
 */
public final class NulCharacters {

    public static final String REFUSED = "text may not contain U+0000 (NUL)";

    private NulCharacters() {
    }

    /**
     * False when the JSON text can't hold a NUL: JSON carries it only as the escape {@code \u0000}
     * (a raw control character is not valid JSON), so text without that sequence needs no walk of
     * its tree. This keeps the check off the hot path of the ingest and the fan-out.
     */
    public static boolean mayBeIn(String json) {
        return json.contains("\\u0000");
    }

    /** True when a string or a field name anywhere in the tree holds a NUL. */
    public static boolean in(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isTextual()) {
            return has(node.textValue());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (has(field.getKey()) || in(field.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (in(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The same for plain Java values read from JSON: strings, maps (keys too) and lists. */
    public static boolean in(Object value) {
        if (value instanceof String text) {
            return has(text);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().anyMatch(entry -> in(entry.getKey()) || in(entry.getValue()));
        }
        if (value instanceof Collection<?> list) {
            return list.stream().anyMatch(NulCharacters::in);
        }
        return false;
    }

    private static boolean has(String text) {
        return text != null && text.indexOf('\u0000') >= 0;
    }

    /** Jackson's string binding, refusing NUL: a body bound to records fails as malformed JSON. */
    static final class RefusingStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (has(value)) {
                throw new JsonParseException(parser, REFUSED);
            }
            return value;
        }
    }
}
