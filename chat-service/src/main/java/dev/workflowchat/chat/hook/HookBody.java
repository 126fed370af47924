package dev.workflowchat.chat.hook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.protocol.NulCharacters;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A hook request's JSON, as Slack's and Mattermost's senders and GitHub send it: the body itself
 * ({@code application/json}), or the {@code payload} field of a form
 * ({@code application/x-www-form-urlencoded}). Anything else is refused before it is read as JSON.
 */
final class HookBody {

    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";

    private HookBody() {
    }

    static JsonNode read(String contentType, byte[] body, ObjectMapper mapper) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        String json = switch (type) {
            case JSON -> new String(body, StandardCharsets.UTF_8);
            case FORM -> formPayload(new String(body, StandardCharsets.US_ASCII));
            default -> throw HookRefusal.unsupportedType();
        };
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw HookRefusal.malformed("malformed JSON body");
        }
        if (root == null || !root.isObject()) {
            throw HookRefusal.malformed("the body is not a JSON object");
        }
        if (NulCharacters.mayBeIn(json) && NulCharacters.in(root)) {
            throw HookRefusal.malformed(NulCharacters.REFUSED);
        }
        return root;
    }

    private static String formPayload(String form) {
        for (String field : form.split("&")) {
            int equals = field.indexOf('=');
            if (equals > 0 && "payload".equals(field.substring(0, equals))) {
                try {
                    return URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw HookRefusal.malformed("the form's payload is not URL-encoded");
                }
            }
        }
        throw HookRefusal.malformed("a form body needs a payload field holding the JSON");
    }
}
