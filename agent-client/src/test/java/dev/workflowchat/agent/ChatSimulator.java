package dev.workflowchat.agent;

import static org.awaitility.Awaitility.await;

import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plays the services' side for one agent in tests: reads what the agent sent on its own ways in,
 * and writes to the agent's stream as the chat-service does.
 */
final class ChatSimulator implements AutoCloseable {

    private final RedisStreams redis;
    private final RedisNames names;
    private final String agent;
    private final EventParser parser = new EventParser();

    ChatSimulator(String redisUri, String prefix, String agent) {
        this.redis = RedisStreams.open(redisUri);
        this.names = new RedisNames(prefix);
        this.agent = agent;
    }

    /** The envelope with {@code id} on the agent's own {@code wfchat:in:<agent>:stream}, waiting up to 5 s for it. */
    Envelope sent(String id) {
        return await().alias("envelope " + id + " on " + names.inStream(agent)).atMost(Duration.ofSeconds(5))
                .until(() -> inbound().stream().filter(envelope -> envelope.id().equals(id)).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** The raw JSON of the entry whose envelope has {@code id}. */
    String rawSent(String id) {
        sent(id);
        return entries(names.inStream(agent)).stream()
                .filter(json -> parser.envelope(json).id().equals(id))
                .findFirst().orElseThrow();
    }

    /** What the agent sent the state-broadcaster on its own {@code wfchat:state:in:<agent>:stream}, raw. */
    List<String> stateInbound() {
        return entries(names.stateInStream(agent));
    }

    /** What the agent sent the chat on its own stream. */
    List<Envelope> inbound() {
        return entries(names.inStream(agent)).stream().map(parser::envelope).toList();
    }

    /** What anyone added to the shared ways in ({@code wfchat:in:stream}, {@code wfchat:state:in:stream}), raw. */
    List<String> shared() {
        return java.util.stream.Stream.concat(entries(names.inStream()).stream(), entries(names.stateInStream()).stream())
                .toList();
    }

    /** An {@code approval.decided} on the agent's stream, as the chat-service announces it. */
    void decide(String approvalId, String status, String comment, Map<String, Object> modifications) {
        Map<String, Object> approval = approval(approvalId, status, "alice");
        approval.put("comment", comment);
        approval.put("modifications", modifications);
        announce(approval);
    }

    /** A decided approval as the chat-service's record of it, to change before {@link #announce}. */
    Map<String, Object> approval(String approvalId, String status, String decidedBy) {
        Map<String, Object> approval = new LinkedHashMap<>();
        approval.put("approval_id", approvalId);
        approval.put("request_type", "code_change");
        approval.put("title", "Refactor auth");
        approval.put("payload", Map.of("files", List.of("auth.py")));
        approval.put("status", status);
        approval.put("requested_by", agent);
        approval.put("decided_by", decidedBy);
        approval.put("decided_at", Instant.now().toString());
        approval.put("comment", null);
        approval.put("modifications", null);
        return approval;
    }

    /** Its {@code approval.decided} on the agent's stream. */
    void announce(Map<String, Object> approval) {
        toAgent(Envelope.create(EventTypes.APPROVAL_DECIDED, "chat-service", null, approval));
    }

    void direct(String content) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message_id", java.util.UUID.randomUUID().toString());
        message.put("channel", "dm:" + agent);
        message.put("author_type", "user");
        message.put("author_id", "alice");
        message.put("author_name", "Alice");
        message.put("content", content);
        toAgent(Envelope.create(EventTypes.AGENT_DIRECT, "chat-service", 7L, Map.of("agent", agent, "message", message)));
    }

    void assign(String task) {
        toAgent(Envelope.create(EventTypes.TASK_ASSIGNED, "chat-service", null,
                Map.of("agent", agent, "task", task, "assigned_by", "alice", "channel", "general")));
    }

    void toAgent(Envelope envelope) {
        redis.append(names.agentStream(agent), envelope.toJson()).await().indefinitely();
    }

    void rawToAgent(String json) {
        redis.append(names.agentStream(agent), json).await().indefinitely();
    }

    @Override
    public void close() {
        redis.close();
    }

    private List<String> entries(String stream) {
        return redis.readAfter(stream, RedisStreams.BEFORE_ALL, 10_000, null).await().atMost(Duration.ofSeconds(5)).stream()
                .map(StreamEntry::event)
                .toList();
    }
}
