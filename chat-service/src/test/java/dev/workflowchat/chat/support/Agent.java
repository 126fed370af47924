package dev.workflowchat.chat.support;

import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import org.awaitility.Awaitility;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An external agent as the contract sees it: a plain Redis client that PUBLISHes and XADDs envelopes. */
public final class Agent {

    private final RedisDataSource redis;
    private final RedisNames names;

    public Agent(RedisDataSource redis, RedisNames names) {
        this.redis = redis;
        this.names = names;
    }

    public static String newId() {
        return "t-" + UUID.randomUUID();
    }

    public static String message(String id, String agent, String channel, String content) {
        return """
                {"v":1,"id":"%s","type":"agent.message","source":"agent:%s",
                 "data":{"channel":"%s","agent":"%s","content":"%s"}}""".formatted(id, agent, channel, agent, content);
    }

    public static String status(String id, String agent, String status, String task, String ts) {
        return """
                {"v":1,"id":"%s","type":"agent.status","ts":"%s","source":"agent:%s",
                 "data":{"agent":"%s","status":"%s","task":"%s"}}""".formatted(id, ts, agent, agent, status, task);
    }

    public static String approvalRequest(String id, String agent, String type, String title, String payloadJson,
                                         int expiresInSeconds) {
        return """
                {"v":1,"id":"%s","type":"approval.request","source":"agent:%s",
                 "data":{"request_type":"%s","title":"%s","payload":%s,"expires_in_s":%d}}"""
                .formatted(id, agent, type, title, payloadJson, expiresInSeconds);
    }

    public static String approvalCancel(String id, String agent, String approvalId) {
        return """
                {"v":1,"id":"%s","type":"approval.cancel","source":"agent:%s",
                 "data":{"approval_id":"%s","reason":"superseded"}}""".formatted(id, agent, approvalId);
    }

    /**
     * The reason the event with this envelope id was dead-lettered with, once it is; found by the
     * kept payload too, for an event whose id could not be read (too deep, too large).
     */
    public String deadLetterOf(String eventId) {
        return Awaitility.await().atMost(ChatClient.WAIT).until(() -> redis.stream(String.class)
                        .xrange(names.deadletter(), StreamRange.of("-", "+")).stream()
                        .filter(entry -> eventId.equals(entry.payload().get("id"))
                                || String.valueOf(entry.payload().get("event")).contains(eventId))
                        .map(entry -> entry.payload().get("reason"))
                        .findFirst().orElse(null),
                reason -> reason != null);
    }

    /** An agent message carrying metadata (a JSON object). */
    public static String messageWithMetadata(String id, String agent, String channel, String content,
                                             String metadataJson) {
        return """
                {"v":1,"id":"%s","type":"agent.message","source":"agent:%s",
                 "data":{"channel":"%s","agent":"%s","content":"%s","metadata":%s}}"""
                .formatted(id, agent, channel, agent, content, metadataJson);
    }

    /** On the shared way in, {@code wfchat:in}. */
    public void publish(String payload) {
        redis.pubsub(String.class).publish(names.in(), payload);
    }

    /** On the shared durable way in, {@code wfchat:in:stream}. */
    public void add(String payload) {
        redis.stream(String.class).xadd(names.inStream(), Map.of("event", payload));
    }

    /**
     * All on {@code wfchat:in:stream} in one MULTI … EXEC: every entry is in the stream before the
     * reader can see any, so they come as one read (one batch).
     */
    public void addAtOnce(List<String> payloads) {
        redis.withTransaction(tx -> payloads.forEach(payload ->
                tx.stream(String.class).xadd(names.inStream(), Map.of("event", payload))));
    }

    /** On the agent's own way in, {@code wfchat:in:<agent>}. */
    public void publishAs(String agent, String payload) {
        redis.pubsub(String.class).publish(names.in(agent), payload);
    }

    /** On the agent's own durable way in, {@code wfchat:in:<agent>:stream}. */
    public void addAs(String agent, String payload) {
        redis.stream(String.class).xadd(names.inStream(agent), Map.of("event", payload));
    }
}
