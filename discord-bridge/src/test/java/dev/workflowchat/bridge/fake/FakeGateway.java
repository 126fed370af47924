package dev.workflowchat.bridge.fake;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** Discord's JSON gateway: HELLO, heartbeat ACKs, IDENTIFY → READY + GUILD_CREATE, RESUME with replay, dispatches. */
final class FakeGateway {

    static final int HEARTBEAT_INTERVAL_MILLIS = 41_250;

    private static final long MESSAGE_CONTENT_INTENT = 1L << 15;
    private static final int OP_DISPATCH = 0;
    private static final int OP_HEARTBEAT = 1;
    private static final int OP_IDENTIFY = 2;
    private static final int OP_RESUME = 6;
    private static final int OP_RECONNECT = 7;
    private static final int OP_REQUEST_GUILD_MEMBERS = 8;
    private static final int OP_INVALID_SESSION = 9;
    private static final int OP_HELLO = 10;
    private static final int OP_HEARTBEAT_ACK = 11;

    private final String resumeGatewayUrl;
    private final Supplier<JsonObject> guildCreate;
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final List<Connection> connections = new ArrayList<>();
    private final List<Runnable> heldLogins = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private boolean holding;
    private boolean messageContentAllowed = true;

    FakeGateway(String resumeGatewayUrl, Supplier<JsonObject> guildCreate) {
        this.resumeGatewayUrl = resumeGatewayUrl;
        this.guildCreate = guildCreate;
    }

    void accept(HttpServerRequest request) {
        String uri = request.uri();
        HttpConnection tcp = request.connection();
        request.toWebSocket().onSuccess(socket -> open(new Connection(socket, tcp), uri));
    }

    /** Every session hears every event, each with its own next sequence number; detached ones keep it for RESUME. */
    void dispatch(String type, JsonObject data) {
        sessions.values().forEach(session -> session.dispatch(type, data.copy()));
    }

    /** Cuts the TCP connections without a close frame, as a network failure would. */
    void drop() {
        log.add("DROP " + connections.size());
        for (Connection connection : List.copyOf(connections)) {
            connection.detach();
            // Vert.x turns every close (even the Netty channel's) into a close handshake; closing from its own
            // handler context goes straight to the socket, so the client sees the stream end with no frame
            ((ConnectionBase) connection.tcp).channelHandlerContext().close();
        }
    }

    void sendReconnect() {
        log.add("RECONNECT");
        connections.forEach(c -> c.send(new JsonObject().put("op", OP_RECONNECT).putNull("d")));
    }

    void sendInvalidSession(boolean resumable) {
        log.add("INVALID_SESSION resumable=" + resumable);
        for (Connection connection : List.copyOf(connections)) {
            if (!resumable && connection.session != null) {
                sessions.remove(connection.session.id);
                connection.detach();
            }
            connection.send(new JsonObject().put("op", OP_INVALID_SESSION).put("d", resumable));
        }
    }

    /** From now on IDENTIFY and RESUME wait unanswered, so a test can act while the client is certainly away. */
    /** Whether the application may ask for the privileged Message Content intent (a switch in Discord's portal). */
    void allowMessageContent(boolean allowed) {
        messageContentAllowed = allowed;
    }

    void hold() {
        holding = true;
    }

    void release() {
        holding = false;
        List<Runnable> waiting = List.copyOf(heldLogins);
        heldLogins.clear();
        waiting.forEach(Runnable::run);
    }

    List<String> log() {
        return List.copyOf(log);
    }

    void resetLog() {
        release();
        log.clear();
    }

    private void open(Connection connection, String uri) {
        connections.add(connection);
        log.add("CONNECT " + uri);
        connection.socket.textMessageHandler(text -> onFrame(connection, new JsonObject(text)));
        // an abrupt drop also raises an exception; the close handler does the cleaning up
        connection.socket.exceptionHandler(error -> { });
        connection.socket.closeHandler(ignored -> onClose(connection));
        connection.send(new JsonObject()
                .put("op", OP_HELLO)
                .put("d", new JsonObject().put("heartbeat_interval", HEARTBEAT_INTERVAL_MILLIS)));
    }

    private void onFrame(Connection connection, JsonObject frame) {
        JsonObject data = frame.getValue("d") instanceof JsonObject d ? d : new JsonObject();
        switch (frame.getInteger("op", -1)) {
            case OP_HEARTBEAT -> connection.send(new JsonObject().put("op", OP_HEARTBEAT_ACK));
            case OP_IDENTIFY -> whenReleased(connection, () -> identify(connection, data));
            case OP_RESUME -> whenReleased(connection, () -> resume(connection, data));
            case OP_REQUEST_GUILD_MEMBERS -> sendMemberChunk(connection, data);
            default -> {
                // presence and voice state updates change nothing a text bridge can observe
            }
        }
    }

    private void whenReleased(Connection connection, Runnable login) {
        if (!holding) {
            login.run();
            return;
        }
        log.add("HELD");
        heldLogins.add(() -> {
            if (connections.contains(connection)) {
                login.run();
            }
        });
    }

    private void identify(Connection connection, JsonObject data) {
        if (!DiscordJson.BOT_TOKEN.equals(data.getString("token"))) {
            log.add("IDENTIFY rejected");
            connection.socket.close((short) 4004, "Authentication failed.");
            return;
        }
        if (!messageContentAllowed && (data.getLong("intents", 0L) & MESSAGE_CONTENT_INTENT) != 0) {
            log.add("IDENTIFY disallowed intents");
            connection.socket.close((short) 4014, "Disallowed intent(s).");
            return;
        }
        Session session = new Session(UUID.randomUUID().toString().replace("-", ""));
        sessions.put(session.id, session);
        connection.attach(session);
        log.add("IDENTIFY session=" + session.id + " intents=" + data.getValue("intents"));
        session.dispatch("READY", DiscordJson.ready(session.id, resumeGatewayUrl));
        session.dispatch("GUILD_CREATE", guildCreate.get());
    }

    private void resume(Connection connection, JsonObject data) {
        Session session = sessions.get(data.getString("session_id"));
        if (session == null || !DiscordJson.BOT_TOKEN.equals(data.getString("token"))) {
            log.add("RESUME rejected");
            connection.send(new JsonObject().put("op", OP_INVALID_SESSION).put("d", false));
            return;
        }
        long lastSeen = data.getLong("seq", 0L);
        List<JsonObject> missed = session.log.stream().filter(f -> f.getLong("s") > lastSeen).toList();
        if (session.connection != null) {
            session.connection.detach();
        }
        connection.attach(session);
        missed.forEach(connection::send);
        log.add("RESUME session=" + session.id + " seq=" + lastSeen + " replayed=" + missed.size());
        session.dispatch("RESUMED", new JsonObject().put("_trace", new JsonArray().add("[\"fake-discord\",{}]")));
    }

    /** JDA asks for members only when GUILD_CREATE lacked its own; answer with what the guild has. */
    private void sendMemberChunk(Connection connection, JsonObject data) {
        if (connection.session == null) {
            return;
        }
        JsonObject chunk = new JsonObject()
                .put("guild_id", DiscordJson.GUILD_ID)
                .put("members", new JsonArray().add(DiscordJson.botMember().put("user", DiscordJson.botUser())))
                .put("chunk_index", 0)
                .put("chunk_count", 1)
                .put("not_found", new JsonArray());
        if (data.containsKey("nonce")) {
            chunk.put("nonce", data.getValue("nonce"));
        }
        connection.session.dispatch("GUILD_MEMBERS_CHUNK", chunk);
    }

    private void onClose(Connection connection) {
        connections.remove(connection);
        Short code = connection.socket.closeStatusCode();
        log.add("CLOSED " + (code == null ? "abruptly" : code));
        Session session = connection.session;
        connection.detach();
        // a client closing with 1000/1001 ends its session, as on Discord; any other close keeps it resumable
        if (session != null && code != null && (code == 1000 || code == 1001)) {
            sessions.remove(session.id);
        }
    }

    /** One gateway session: its sequence and every dispatch it was sent, for replay on RESUME. */
    private static final class Session {
        final String id;
        final List<JsonObject> log = new ArrayList<>();
        Connection connection;
        long seq;

        Session(String id) {
            this.id = id;
        }

        void dispatch(String type, JsonObject data) {
            JsonObject frame = new JsonObject().put("op", OP_DISPATCH).put("t", type).put("s", ++seq).put("d", data);
            log.add(frame);
            if (connection != null) {
                connection.send(frame);
            }
        }
    }

    /** One WebSocket and the session it speaks for, if any. */
    private static final class Connection {
        final ServerWebSocket socket;
        final HttpConnection tcp;
        Session session;

        Connection(ServerWebSocket socket, HttpConnection tcp) {
            this.socket = socket;
            this.tcp = tcp;
        }

        void attach(Session session) {
            this.session = session;
            session.connection = this;
        }

        void detach() {
            if (session != null && session.connection == this) {
                session.connection = null;
            }
            session = null;
        }

        void send(JsonObject frame) {
            if (!socket.isClosed()) {
                socket.writeTextMessage(frame.encode());
            }
        }
    }
}
