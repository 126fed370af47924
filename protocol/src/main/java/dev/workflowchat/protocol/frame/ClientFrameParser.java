package dev.workflowchat.protocol.frame;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.Limits;
import dev.workflowchat.protocol.NulCharacters;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.frame.ClientFrame.AddReaction;
import dev.workflowchat.protocol.frame.ClientFrame.CompleteCommand;
import dev.workflowchat.protocol.frame.ClientFrame.DeleteMessage;
import dev.workflowchat.protocol.frame.ClientFrame.EditMessage;
import dev.workflowchat.protocol.frame.ClientFrame.MarkRead;
import dev.workflowchat.protocol.frame.ClientFrame.PinMessage;
import dev.workflowchat.protocol.frame.ClientFrame.RemoveReaction;
import dev.workflowchat.protocol.frame.ClientFrame.RequestHistory;
import dev.workflowchat.protocol.frame.ClientFrame.RespondToApproval;
import dev.workflowchat.protocol.frame.ClientFrame.Resume;
import dev.workflowchat.protocol.frame.ClientFrame.SendMessage;
import dev.workflowchat.protocol.frame.ClientFrame.Typing;
import dev.workflowchat.protocol.frame.ClientFrame.UnpinMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a client's text frame. Every failure is an {@link InvalidFrameException}
 * with the code the client is told and, when the frame had one, its {@code ref}.
 */
public final class ClientFrameParser {

    public static final Set<String> TYPES = Set.of(
            "message.send", "message.edit", "message.delete", "reaction.add", "reaction.remove",
            "message.pin", "message.unpin", "typing", "history", "resume", "read", "approval.respond", "approval.respond_many",
            "command.complete");

    private static final Set<String> APPROVAL_ACTIONS = Set.of("approve", "reject", "modify");
    private static final int MAX_ID_CHARS = 128;
    private static final int MAX_ATTACHMENTS = 10;
    /** The most approvals one {@code approval.respond_many} decides. */
    public static final int MAX_BULK_IDS = 1_000;

    private final ObjectMapper mapper;

    public ClientFrameParser() {
        this(ProtocolJson.mapper());
    }

    public ClientFrameParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ClientFrame parse(String text) {
        if (exceedsFrameLimit(text)) {
            throw new InvalidFrameException(topLevelRef(text), ErrorCode.TOO_LARGE,
                    "frame larger than " + Limits.MAX_FRAME_BYTES + " bytes");
        }
        JsonNode root = readTree(text);
        Fields fields = new Fields(root, readRef(root));
        if (NulCharacters.mayBeIn(text) && NulCharacters.in(root)) {
            throw fields.invalid(ErrorCode.BAD_REQUEST, NulCharacters.REFUSED);
        }
        String type = fields.requiredText("type");
        return switch (type) {
            case "message.send" -> new SendMessage(fields.ref, fields.requiredText("channel"),
                    fields.content(true), fields.optionalId("thread_id"), fields.optionalId("reply_to"),
                    fields.idList("attachment_ids"));
            case "message.edit" -> new EditMessage(fields.ref, fields.requiredId("message_id"), fields.content(false));
            case "message.delete" -> new DeleteMessage(fields.ref, fields.requiredId("message_id"));
            case "reaction.add" -> new AddReaction(fields.ref, fields.requiredId("message_id"), fields.reaction());
            case "reaction.remove" -> new RemoveReaction(fields.ref, fields.requiredId("message_id"), fields.reaction());
            case "message.pin" -> new PinMessage(fields.ref, fields.requiredId("message_id"));
            case "message.unpin" -> new UnpinMessage(fields.ref, fields.requiredId("message_id"));
            case "typing" -> new Typing(fields.ref, fields.requiredText("channel"));
            case "history" -> new RequestHistory(fields.ref, fields.requiredText("channel"),
                    fields.optionalSeq("before_seq"), fields.historyLimit());
            case "resume" -> new Resume(fields.ref, fields.requiredSeq("after_seq"));
            case "read" -> new MarkRead(fields.ref, fields.requiredText("channel"), fields.requiredSeq("seq"));
            case "approval.respond" -> approvalResponse(fields);
            case "approval.respond_many" -> approvalResponses(fields);
            case "command.complete" -> new CompleteCommand(fields.ref, fields.optionalText("text", ""));
            default -> throw fields.invalid(ErrorCode.BAD_REQUEST, "unknown frame type: " + abbreviate(type));
        };
    }

    private RespondToApproval approvalResponse(Fields fields) {
        String action = fields.requiredText("action");
        if (!APPROVAL_ACTIONS.contains(action)) {
            throw fields.invalid(ErrorCode.BAD_REQUEST, "action must be approve, reject or modify");
        }
        String comment = fields.optionalText("comment", null);
        if ("reject".equals(action) && (comment == null || comment.isBlank())) {
            throw fields.invalid(ErrorCode.BAD_REQUEST, "a rejection needs a comment saying why");
        }
        Map<String, Object> modifications = fields.optionalObject("modifications");
        if ("modify".equals(action) && modifications == null) {
            throw fields.invalid(ErrorCode.BAD_REQUEST, "modify needs a modifications object");
        }
        Map<String, Object> remember = fields.optionalObject("remember");
        if (remember != null && !"approve".equals(action)) {
            throw fields.invalid(ErrorCode.BAD_REQUEST, "remember goes with approve only");
        }
        return new RespondToApproval(fields.ref, fields.requiredId("approval_id"), action, comment, modifications,
                remember);
    }

    private ClientFrame.RespondToApprovals approvalResponses(Fields fields) {
        String action = fields.requiredText("action");
        if (!"approve".equals(action) && !"reject".equals(action)) {
            throw fields.invalid(ErrorCode.BAD_REQUEST, "action must be approve or reject (modify one at a time)");
        }
        String comment = fields.optionalText("comment", null);
        if ("reject".equals(action) && (comment == null || comment.isBlank())) {
            throw fields.invalid(ErrorCode.BAD_REQUEST, "a rejection needs a comment saying why");
        }
        JsonNode node = fields.root.get("approval_ids");
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > MAX_BULK_IDS) {
            throw fields.invalid(ErrorCode.BAD_REQUEST, "approval_ids must be an array of 1 to " + MAX_BULK_IDS + " ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual() || element.textValue().length() > MAX_ID_CHARS) {
                throw fields.invalid(ErrorCode.BAD_REQUEST, "approval_ids must hold string ids");
            }
            ids.add(element.textValue());
        }
        return new ClientFrame.RespondToApprovals(fields.ref, List.copyOf(ids), action, comment);
    }

    private static boolean exceedsFrameLimit(String text) {
        // Three bytes per char at most in UTF-8 for a BMP char: skip the exact count for small frames.
        return text.length() > Limits.MAX_FRAME_BYTES / 3
                && text.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_FRAME_BYTES;
    }

    private JsonNode readTree(String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidFrameException(null, ErrorCode.BAD_REQUEST, "malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidFrameException(null, ErrorCode.BAD_REQUEST, "a frame must be a JSON object");
        }
        return root;
    }

    private static String readRef(JsonNode root) {
        JsonNode ref = root.get("ref");
        if (ref == null || ref.isNull()) {
            return null;
        }
        if (!ref.isTextual() && !ref.isNumber()) {
            throw new InvalidFrameException(null, ErrorCode.BAD_REQUEST, "ref must be a string");
        }
        String value = ref.asText();
        if (value.length() > Limits.MAX_REF_CHARS) {
            throw new InvalidFrameException(null, ErrorCode.BAD_REQUEST,
                    "ref longer than " + Limits.MAX_REF_CHARS + " characters");
        }
        return value;
    }

    /** Finds the top-level {@code ref} of an oversized frame without building its tree. */
    private String topLevelRef(String text) {
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("ref".equals(name) && value == JsonToken.VALUE_STRING) {
                    String ref = parser.getText();
                    return ref.length() <= Limits.MAX_REF_CHARS ? ref : null;
                }
                parser.skipChildren();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    /** Typed access to one frame's fields, failing with the frame's ref. */
    private final class Fields {
        private final JsonNode root;
        private final String ref;

        Fields(JsonNode root, String ref) {
            this.root = root;
            this.ref = ref;
        }

        InvalidFrameException invalid(ErrorCode code, String message) {
            return new InvalidFrameException(ref, code, message);
        }

        String requiredText(String name) {
            String value = optionalText(name, null);
            if (value == null || value.isEmpty()) {
                throw invalid(ErrorCode.BAD_REQUEST, "missing field: " + name);
            }
            return value;
        }

        String optionalText(String name, String fallback) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isTextual()) {
                throw invalid(ErrorCode.BAD_REQUEST, name + " must be a string");
            }
            return node.textValue();
        }

        String requiredId(String name) {
            String id = requiredText(name);
            checkIdLength(name, id);
            return id;
        }

        String optionalId(String name) {
            String id = optionalText(name, null);
            if (id != null) {
                checkIdLength(name, id);
            }
            return id == null || id.isEmpty() ? null : id;
        }

        private void checkIdLength(String name, String id) {
            if (id.length() > MAX_ID_CHARS) {
                throw invalid(ErrorCode.BAD_REQUEST, name + " longer than " + MAX_ID_CHARS + " characters");
            }
        }

        List<String> idList(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray() || node.size() > MAX_ATTACHMENTS) {
                throw invalid(ErrorCode.BAD_REQUEST, name + " must be an array of at most " + MAX_ATTACHMENTS + " ids");
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode element : node) {
                if (!element.isTextual() || element.textValue().length() > MAX_ID_CHARS) {
                    throw invalid(ErrorCode.BAD_REQUEST, name + " must hold string ids");
                }
                ids.add(element.textValue());
            }
            return List.copyOf(ids);
        }

        String content(boolean mayBeEmpty) {
            String content = optionalText("content", null);
            if (content == null || (!mayBeEmpty && content.isBlank())) {
                throw invalid(ErrorCode.BAD_REQUEST, "missing field: content");
            }
            if (content.length() > Limits.MAX_CONTENT_CHARS) {
                throw invalid(ErrorCode.TOO_LARGE, "content longer than " + Limits.MAX_CONTENT_CHARS + " characters");
            }
            return content;
        }

        String reaction() {
            String reaction = requiredText("reaction");
            if (reaction.length() > Limits.MAX_REACTION_CHARS || reaction.isBlank()) {
                throw invalid(ErrorCode.BAD_REQUEST, "reaction must be 1 to " + Limits.MAX_REACTION_CHARS + " characters");
            }
            return reaction;
        }

        long requiredSeq(String name) {
            Long seq = optionalSeq(name);
            if (seq == null) {
                throw invalid(ErrorCode.BAD_REQUEST, "missing field: " + name);
            }
            return seq;
        }

        Long optionalSeq(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.canConvertToLong() || !node.isIntegralNumber() || node.longValue() < 0) {
                throw invalid(ErrorCode.BAD_REQUEST, name + " must be a non-negative integer");
            }
            return node.longValue();
        }

        int historyLimit() {
            Long limit = optionalSeq("limit");
            if (limit == null) {
                return Limits.DEFAULT_HISTORY_LIMIT;
            }
            if (limit < 1 || limit > Limits.MAX_HISTORY_LIMIT) {
                throw invalid(ErrorCode.BAD_REQUEST, "limit must be 1 to " + Limits.MAX_HISTORY_LIMIT);
            }
            return limit.intValue();
        }

        Map<String, Object> optionalObject(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                throw invalid(ErrorCode.BAD_REQUEST, name + " must be an object");
            }
            return mapper.convertValue(node, new TypeReference<Map<String, Object>>() { });
        }
    }
}
