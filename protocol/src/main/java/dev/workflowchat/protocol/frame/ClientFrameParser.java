package dev.workflowchat.protocol.frame;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.protocol.ChannelNames;
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
            "command.complete", "focus");

    private static final Set<String> APPROVAL_ACTIONS = Set.of("approve", "reject", "modify");
    /** The most approvals one {@code approval.respond_many} decides. */
    public static final int MAX_BULK_IDS = 1_000;
    /** The most channels one {@code focus} names: what a person looks at, not a subscription list. */
    public static final int MAX_FOCUS_CHANNELS = 10;

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
        FrameFields fields = new FrameFields(root, readRef(root), mapper);
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
            case "resume" -> new Resume(fields.ref, fields.requiredSeq("after_seq"), optionalChannel(fields));
            case "read" -> new MarkRead(fields.ref, fields.requiredText("channel"), fields.requiredSeq("seq"));
            case "approval.respond" -> approvalResponse(fields);
            case "approval.respond_many" -> approvalResponses(fields);
            case "command.complete" -> new CompleteCommand(fields.ref, fields.optionalText("text", ""));
            case "focus" -> focus(fields);
            default -> throw fields.invalid(ErrorCode.BAD_REQUEST, "unknown frame type: " + abbreviate(type));
        };
    }

    private static String optionalChannel(FrameFields fields) {
        String channel = fields.optionalText("channel", null);
        if (channel != null && !ChannelNames.isValidChannelOrDm(channel)) {
            throw fields.invalid(ErrorCode.BAD_REQUEST, "channel is not a channel name");
        }
        return channel;
    }

    private static ClientFrame.Focus focus(FrameFields fields) {
        if (fields.root.get("channels") == null) {
            throw fields.invalid(ErrorCode.BAD_REQUEST, "missing field: channels");
        }
        List<String> channels = fields.idList("channels", 0, MAX_FOCUS_CHANNELS);
        for (String channel : channels) {
            if (!ChannelNames.isValidChannelOrDm(channel)) {
                throw fields.invalid(ErrorCode.BAD_REQUEST, "channels must hold channel names");
            }
        }
        return new ClientFrame.Focus(fields.ref, channels.stream().distinct().toList());
    }

    private RespondToApproval approvalResponse(FrameFields fields) {
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

    private ClientFrame.RespondToApprovals approvalResponses(FrameFields fields) {
        String action = fields.requiredText("action");
        if (!"approve".equals(action) && !"reject".equals(action)) {
            throw fields.invalid(ErrorCode.BAD_REQUEST, "action must be approve or reject (modify one at a time)");
        }
        String comment = fields.optionalText("comment", null);
        if ("reject".equals(action) && (comment == null || comment.isBlank())) {
            throw fields.invalid(ErrorCode.BAD_REQUEST, "a rejection needs a comment saying why");
        }
        return new ClientFrame.RespondToApprovals(fields.ref, fields.idList("approval_ids", 1, MAX_BULK_IDS), action,
                comment);
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
}
