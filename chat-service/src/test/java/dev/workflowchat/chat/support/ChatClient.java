package dev.workflowchat.chat.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.protocol.ProtocolJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A real WebSocket client of {@code /ws} that records every frame it receives. */
public final class ChatClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = ProtocolJson.mapper();
    private static final AtomicInteger REFS = new AtomicInteger();

    private final WebSocket socket;
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private ChatClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Listener()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Connects with a bearer token and waits for the {@code ready} frame. */
    public static ChatClient connect(URI base, String token) {
        ChatClient client = new ChatClient(wsUri(base), Map.of("Authorization", "Bearer " + token));
        client.awaitType("ready");
        return client;
    }

    /** Connects to {@code /ws?<query>} (optional features, {@code features=reaction_deltas}) and waits for {@code ready}. */
    public static ChatClient connect(URI base, String token, String query) {
        ChatClient client = new ChatClient(URI.create(wsUri(base) + "?" + query), Map.of("Authorization", "Bearer " + token));
        client.awaitType("ready");
        return client;
    }

    public static ChatClient connect(URI base, Map<String, String> headers) {
        return new ChatClient(wsUri(base), headers);
    }

    /** Opens any WebSocket of ours (say the state-broadcaster's {@code /ws/state}) and collects its frames. */
    public static ChatClient open(URI webSocketUri) {
        return new ChatClient(webSocketUri, Map.of());
    }

    public static URI wsUri(URI base) {
        return URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/ws");
    }

    /** Sends a frame built from alternating keys and values, with a fresh ref; returns the ref. */
    public String send(String type, Object... fields) {
        ObjectNode frame = JSON.createObjectNode().put("type", type);
        String ref = "r" + REFS.incrementAndGet();
        frame.put("ref", ref);
        for (int i = 0; i < fields.length; i += 2) {
            frame.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        }
        sendRaw(frame.toString());
        return ref;
    }

    /** Posts a message, waits for its ack and returns the new message's id. */
    public String post(String channel, String content) {
        return awaitAck(send("message.send", "channel", channel, "content", content))
                .path("message").path("message_id").asText();
    }

    /** Matches the {@code message.created} frame of one message. */
    public static Predicate<JsonNode> created(String messageId) {
        return frame -> "message.created".equals(frame.path("type").asText())
                && messageId.equals(frame.path("message").path("message_id").asText());
    }

    public void sendRaw(String text) {
        socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    public JsonNode awaitFrame(Predicate<JsonNode> match) {
        return await().atMost(WAIT).until(() -> frames.stream().filter(match).findFirst().orElse(null),
                frame -> frame != null);
    }

    public JsonNode awaitType(String type) {
        return awaitFrame(frame -> type.equals(frame.path("type").asText()));
    }

    /** The {@code ack} or {@code error} answering the frame with this ref. */
    public JsonNode awaitAnswer(String ref) {
        return awaitFrame(frame -> ref.equals(frame.path("ref").asText())
                && java.util.Set.of("ack", "error", "history", "command.result").contains(frame.path("type").asText()));
    }

    public JsonNode awaitAck(String ref) {
        JsonNode answer = awaitAnswer(ref);
        if (!"ack".equals(answer.path("type").asText()) && !"history".equals(answer.path("type").asText())) {
            throw new AssertionError("expected an ack for " + ref + " but got " + answer);
        }
        return answer;
    }

    public JsonNode awaitError(String ref) {
        JsonNode answer = awaitAnswer(ref);
        if (!"error".equals(answer.path("type").asText())) {
            throw new AssertionError("expected an error for " + ref + " but got " + answer);
        }
        return answer;
    }

    public List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    public List<JsonNode> framesOfType(String type) {
        return frames.stream().filter(frame -> type.equals(frame.path("type").asText())).toList();
    }

    public boolean isOpen() {
        return !closed.isDone() && !socket.isInputClosed();
    }

    public CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(failure -> null).join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    frames.add(JSON.createObjectNode().put("type", "unparseable").put("text", partial.toString()));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
