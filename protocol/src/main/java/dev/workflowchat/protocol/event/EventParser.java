package dev.workflowchat.protocol.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.NulCharacters;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.Rfc3339;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates Redis payloads (protocol sections 1, 2, 4 and 6). Every failure is an
 * {@link InvalidEventException} whose message is the reason recorded in the dead-letter stream.
 */
public final class EventParser {

    /** Envelopes larger than this are refused unread; content alone is limited to 40,000 chars. */
    public static final int MAX_ENVELOPE_BYTES = 256 * 1024;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Whether the text is an envelope id (an approval's id is its request's envelope id). */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }
    private static final Set<String> AGENT_STATUSES = Set.of("online", "busy", "idle", "offline");
    private static final Set<String> ACTIVITY_STATUSES = Set.of("started", "queued", "completed", "failed");
    private static final Set<String> SIGNALS = Set.of("all_tasks_complete", "ci_failed", "ci_passed");
    private static final Pattern REQUEST_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final long MIN_EXPIRY_S = 10;
    private static final long MAX_EXPIRY_S = 604_800;
    private static final long DEFAULT_EXPIRY_S = 1_800;
    /** Discord ids are snowflakes of about 20 digits; anything far longer is not an id. */
    static final int MAX_EXTERNAL_ID_CHARS = 128;
    static final int MAX_STORY_ID_CHARS = 64;
    /** A command line typed in Discord; Discord's own message limit, and far more than any command needs. */
    public static final int MAX_COMMAND_CHARS = 2_000;
    /** Uploads one bridged message may carry, as many as a message sent on the WebSocket. */
    public static final int MAX_BRIDGE_ATTACHMENTS = 10;

    private final ObjectMapper mapper;

    public EventParser() {
        this(ProtocolJson.mapper());
    }

    public EventParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The envelope of a payload: JSON object, {@code v} 1, a valid id, a known type, data an object. */
    public Envelope envelope(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidEventException(null, "empty payload");
        }
        if (raw.length() > MAX_ENVELOPE_BYTES / 3 && raw.getBytes(StandardCharsets.UTF_8).length > MAX_ENVELOPE_BYTES) {
            throw new InvalidEventException(null, "payload larger than " + MAX_ENVELOPE_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = mapper.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(null, "not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException(null, "not a JSON object");
        }
        JsonNode idNode = root.get("id");
        String id = idNode != null && idNode.isTextual() && ID.matcher(idNode.textValue()).matches()
                ? idNode.textValue() : null;
        JsonNode v = root.get("v");
        if (v == null || !v.isInt() || v.intValue() != Envelope.VERSION) {
            throw new InvalidEventException(id, "unsupported version: v must be 1");
        }
        if (id == null) {
            throw new InvalidEventException(null, "id must be 1-128 characters of A-Z a-z 0-9 . _ : -");
        }
        if (NulCharacters.mayBeIn(raw) && NulCharacters.in(root)) {
            throw new InvalidEventException(id, NulCharacters.REFUSED);
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            throw new InvalidEventException(id, "missing field: type");
        }
        if (!EventTypes.CHAT_INBOUND.contains(type.textValue()) && !EventTypes.CHAT_OUTBOUND.contains(type.textValue())
                && !EventTypes.STATE_INBOUND.contains(type.textValue())
                && !EventTypes.STATE_OUTBOUND.contains(type.textValue())) {
            throw new InvalidEventException(id, "unknown type: " + abbreviate(type.textValue()));
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidEventException(id, "missing field: data (an object)");
        }
        JsonNode source = root.get("source");
        if (source != null && !source.isNull() && !source.isTextual()) {
            throw new InvalidEventException(id, "source must be a string");
        }
        JsonNode seq = root.get("seq");
        return new Envelope(Envelope.VERSION, id, type.textValue(), timestamp(id, root.get("ts")),
                source == null || source.isNull() ? null : source.textValue(),
                seq != null && seq.canConvertToLong() ? seq.longValue() : null, data);
    }

    /** An envelope read from a channel that accepts only {@code accepted} types, validated and typed. */
    public InboundEvent inbound(String raw, Set<String> accepted) {
        Envelope envelope = envelope(raw);
        if (!accepted.contains(envelope.type())) {
            throw new InvalidEventException(envelope.id(), "type " + envelope.type() + " is not accepted here");
        }
        return inbound(envelope);
    }

    public InboundEvent inbound(Envelope envelope) {
        EventData data = new EventData(envelope.id(), envelope.data(), mapper);
        String id = envelope.id();
        String source = envelope.source();
        return switch (envelope.type()) {
            case EventTypes.AGENT_MESSAGE -> new InboundEvent.AgentMessage(id, source, data.channel("channel"),
                    data.agent("agent"), data.content("content", false), data.optionalText("thread_id"),
                    data.optionalText("reply_to"), data.optionalObject("metadata"));
            case EventTypes.AGENT_STATUS -> new InboundEvent.AgentStatus(id, source, data.agent("agent"),
                    data.oneOf("status", AGENT_STATUSES), data.optionalText("task"), data.optionalText("detail"));
            case EventTypes.APPROVAL_REQUEST -> approvalRequest(id, source, data);
            case EventTypes.STORIES_PROPOSED -> storiesProposed(id, source, data, envelope.data());
            case EventTypes.APPROVAL_CANCEL -> new InboundEvent.ApprovalCancel(id, source,
                    data.requiredText("approval_id"), data.optionalText("reason"));
            case EventTypes.BRIDGE_MESSAGE -> BridgeEvents.message(id, source, data, mapper);
            case EventTypes.BRIDGE_MESSAGE_EDITED -> new InboundEvent.BridgeMessageEdited(id, source,
                    data.externalId("external_id"), data.content("content", false));
            case EventTypes.BRIDGE_MESSAGE_DELETED -> new InboundEvent.BridgeMessageDeleted(id, source,
                    data.externalId("external_id"));
            case EventTypes.BRIDGE_COMMAND -> BridgeEvents.command(id, source, data, mapper);
            case EventTypes.BRIDGE_REACTION -> BridgeEvents.reaction(id, source, data, mapper);
            case EventTypes.COMMAND_RESULT -> new InboundEvent.CommandResult(id, source,
                    data.requiredText("correlation_id"), data.requiredBoolean("ok"), data.content("message", false),
                    data.optionalText("hint"), data.optionalAny("state"), data.optionalStrings("allowed_commands"));
            case EventTypes.COMMAND_INVOKE -> new InboundEvent.CommandInvoke(id, source,
                    data.requiredText("correlation_id"), data.requiredText("command"), data.optionalStrings("args"),
                    data.optionalText("raw"), data.requiredText("user"), data.optionalText("channel"),
                    data.project("project"), counts(id, envelope.data().get("pending_approvals")));
            case EventTypes.AGENT_ACTIVITY -> new InboundEvent.AgentActivity(id, source, data.agent("agent"),
                    data.requiredText("action"), data.oneOf("status", ACTIVITY_STATUSES),
                    data.storyId("story_id", false), data.project("project"));
            case EventTypes.TDD_REPORT -> new InboundEvent.TddReport(id, source, data.storyId("story_id", true),
                    data.requiredText("to"), data.project("project"), data.optionalText("detail"),
                    TddEvidence.of(id, envelope.data()));
            case EventTypes.WORKFLOW_SIGNAL -> new InboundEvent.WorkflowSignal(id, source,
                    data.oneOf("signal", SIGNALS), data.project("project"));
            default -> throw new InvalidEventException(id, "type " + envelope.type() + " is not an inbound event");
        };
    }

    /** A map of project to count ({@code pending_approvals}); empty when absent. */
    private static Map<String, Long> counts(String id, JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject() || node.size() > 1000) {
            throw new InvalidEventException(id, "pending_approvals must be an object of project to count");
        }
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            if (!ChannelNames.isValidProject(entry.getKey()) || !entry.getValue().canConvertToLong()
                    || entry.getValue().longValue() < 0) {
                throw new InvalidEventException(id, "pending_approvals must be an object of project to count");
            }
            counts.put(entry.getKey(), entry.getValue().longValue());
        });
        return counts;
    }

    /**
     * An agent's proposed stories become an approval of type {@code story_proposal}: its payload
     * holds the project, the epic and the stories; approving adds them to the backlog.
     */
    private InboundEvent storiesProposed(String id, String source, EventData data, JsonNode raw) {
        String project = data.project("project");
        if (project == null) {
            throw new InvalidEventException(id, "missing field: project");
        }
        String epic = data.optionalText("epic");
        if (epic != null && !epic.matches("[Ee][0-9]{1,9}")) {
            throw new InvalidEventException(id, "epic must be an epic's id, like E1");
        }
        List<ProposedStory> stories = ProposedStory.listOf(id, raw.get("stories"), "stories");
        String channel = data.optionalText("channel");
        if (channel != null && !ChannelNames.isValidChannel(channel)) {
            throw new InvalidEventException(id, "invalid channel name");
        }
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("project", project);
        payload.put("epic", epic == null ? null : epic.toUpperCase(java.util.Locale.ROOT));
        payload.put("stories", stories.stream().map(ProposedStory::toMap).toList());
        String title = stories.size() + (stories.size() == 1 ? " story" : " stories") + " proposed for " + project
                + (epic == null ? "" : " · " + epic.toUpperCase(java.util.Locale.ROOT));
        return new InboundEvent.ApprovalRequest(id, source, EventTypes.STORY_PROPOSAL, title, payload,
                channel == null ? "workflow" : channel, DEFAULT_EXPIRY_S, project);
    }

    private InboundEvent approvalRequest(String id, String source, EventData data) {
        String requestType = data.requiredText("request_type");
        if (!REQUEST_TYPE.matcher(requestType).matches()) {
            throw new InvalidEventException(id, "request_type must be a lower-case word");
        }
        Map<String, Object> payload = data.optionalObject("payload");
        if (payload == null) {
            throw new InvalidEventException(id, "missing field: payload (an object)");
        }
        String channel = data.optionalText("channel");
        if (channel != null && !ChannelNames.isValidChannelOrDm(channel)) {
            throw new InvalidEventException(id, "invalid channel name");
        }
        Long expires = data.optionalLong("expires_in_s");
        long expiresIn = expires == null ? DEFAULT_EXPIRY_S : expires;
        if (expiresIn < MIN_EXPIRY_S || expiresIn > MAX_EXPIRY_S) {
            throw new InvalidEventException(id, "expires_in_s must be " + MIN_EXPIRY_S + " to " + MAX_EXPIRY_S);
        }
        ApprovalContext context = ApprovalContext.of(id, data.node);
        return new InboundEvent.ApprovalRequest(id, source, requestType, data.content("title", false), payload,
                channel == null ? "workflow" : channel, expiresIn, data.project("project"), context,
                ApprovalTerms.of(id, data.node, context.risk()));
    }

    private static Instant timestamp(String id, JsonNode ts) {
        if (ts == null || ts.isNull()) {
            return null;
        }
        if (!ts.isTextual()) {
            throw new InvalidEventException(id, "ts must be an RFC 3339 time");
        }
        try {
            return Rfc3339.parse(ts.textValue());
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(id, "ts must be an RFC 3339 time");
        }
    }

    static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
