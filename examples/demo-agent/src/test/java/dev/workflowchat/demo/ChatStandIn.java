package dev.workflowchat.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Stands in for the chat-service in tests: reads what the team's agents send on their own ways in
 * ({@code wfchat:in:<agent>:stream}) and decides their approvals on their streams, as a person on
 * the approval card would.
 */
final class ChatStandIn implements AutoCloseable {

    /** A person's answer to a request: status, comment, modifications (null when none). */
    record Answer(String status, String comment, Map<String, Object> modifications) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final RedisAPI redis;
    private final RedisNames names;
    private final Function<String, Answer> decide;
    private final EventParser parser = new EventParser();
    private final List<Envelope> received = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private final Thread reader;

    /** {@code decide} answers each request by its title. */
    ChatStandIn(String redisUri, String prefix, Function<String, Answer> decide) {
        this.redis = RedisAPI.api(Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUri)));
        this.names = new RedisNames(prefix);
        this.decide = decide;
        this.reader = new Thread(this::read, "chat-stand-in");
        reader.setDaemon(true);
        reader.start();
    }

    List<Envelope> received() {
        return received;
    }

    List<String> messagesIn(String channel) {
        List<String> contents = new ArrayList<>();
        for (Envelope envelope : received) {
            if (envelope.type().equals(EventTypes.AGENT_MESSAGE) && channel.equals(envelope.data().path("channel").asText())) {
                contents.add(envelope.data().path("agent").asText() + ": " + envelope.data().path("content").asText());
            }
        }
        return contents;
    }

    void toAgent(String agent, Envelope envelope) {
        await(redis.xadd(List.of(names.agentStream(agent), "*", "event", envelope.toJson())));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5_000);
        vertx.close();
    }

    private void read() {
        Map<String, String> after = new LinkedHashMap<>();
        Crew.roles().keySet().forEach(agent -> after.put(names.inStream(agent), "0-0"));
        while (running) {
            List<String> args = new ArrayList<>(List.of("COUNT", "100", "BLOCK", "200", "STREAMS"));
            args.addAll(after.keySet());
            args.addAll(after.values());
            Response reply = await(redis.xread(args));
            if (reply == null) {
                continue;
            }
            for (Response stream : reply) {
                for (Response entry : stream.get(1)) {
                    after.put(stream.get(0).toString(), entry.get(0).toString());
                    Envelope envelope = parser.envelope(entry.get(1).get(1).toString());
                    // Everything must be valid for the real chat-service, or it would be dead-lettered.
                    parser.inbound(envelope);
                    received.add(envelope);
                    if (envelope.type().equals(EventTypes.APPROVAL_REQUEST)) {
                        answer(envelope);
                    }
                }
            }
        }
    }

    private void answer(Envelope request) {
        JsonNode data = request.data();
        String agent = request.source().substring("agent:".length());
        Answer answer = decide.apply(data.path("title").asText());
        Map<String, Object> approval = new LinkedHashMap<>();
        approval.put("approval_id", request.id());
        approval.put("request_type", data.path("request_type").asText());
        approval.put("title", data.path("title").asText());
        approval.put("payload", ProtocolJson.mapper().convertValue(data.path("payload"), Map.class));
        approval.put("status", answer.status());
        approval.put("requested_by", agent);
        approval.put("decided_by", "alice");
        approval.put("decided_at", Instant.now().toString());
        approval.put("comment", answer.comment());
        approval.put("modifications", answer.modifications());
        toAgent(agent, Envelope.create(EventTypes.APPROVAL_DECIDED, "chat-service", null, approval));
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }
}
