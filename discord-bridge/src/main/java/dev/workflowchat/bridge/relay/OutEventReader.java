package dev.workflowchat.bridge.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.InvalidEventException;
import java.util.Set;

/**
 * Reads an event of the out stream with the protocol's parser, and also the types the contract
 * (docs/protocol.md, {@code wfchat:out}) names that the protocol module does not list yet, which the
 * parser refuses as unknown. Once {@code EventTypes} lists them, the parser reads them and this
 * fallback is never taken.
 */
final class OutEventReader {

    /** Out-stream types of the contract the bridge acts on, whatever the protocol module lists. */
    private static final Set<String> CONTRACT_TYPES = Set.of(WebToDiscord.APPROVAL_ESCALATED);

    private final EventParser parser;

    OutEventReader(EventParser parser) {
        this.parser = parser;
    }

    Envelope read(String raw) {
        try {
            return parser.envelope(raw);
        } catch (InvalidEventException refused) {
            JsonNode root = contractTypeOrNull(raw);
            if (root == null) {
                throw refused;
            }
            JsonNode seq = root.get("seq");
            return new Envelope(Envelope.VERSION, root.get("id").textValue(), root.get("type").textValue(), null,
                    root.path("source").isTextual() ? root.get("source").textValue() : null,
                    seq != null && seq.canConvertToLong() ? seq.longValue() : null, root.get("data"));
        }
    }

    /** The event's tree when it is a well-formed envelope of one of {@link #CONTRACT_TYPES}, else null. */
    private static JsonNode contractTypeOrNull(String raw) {
        JsonNode root;
        try {
            root = ProtocolJson.mapper().readTree(raw);
        } catch (JsonProcessingException e) {
            return null;
        }
        boolean wellFormed = root != null && root.isObject() && root.path("v").isInt() && root.get("v").intValue() == Envelope.VERSION
                && root.path("id").isTextual() && EventParser.isValidId(root.get("id").textValue())
                && root.path("data").isObject() && root.path("type").isTextual();
        return wellFormed && CONTRACT_TYPES.contains(root.get("type").textValue()) ? root : null;
    }
}
