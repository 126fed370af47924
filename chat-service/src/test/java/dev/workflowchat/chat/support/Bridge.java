package dev.workflowchat.chat.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;

/** The Discord bridge as the chat-service sees it: its account, and the {@code bridge.*} envelopes it sends. */
public final class Bridge {

    /** The bridge's account, by the default of {@code wfchat.bridge.username}. */
    public static final String USERNAME = "discord-bridge";
    public static final String SOURCE = "discord-bridge";
    private static final AtomicLong SNOWFLAKES = new AtomicLong(1_180_000_000_000_000_000L + System.nanoTime() % 1_000_000_000L);

    private final RedisDataSource redis;
    private final RedisNames names;

    public Bridge(RedisDataSource redis, RedisNames names) {
        this.redis = redis;
        this.names = names;
    }

    /** Signs in as the bridge's account, which an admin creates like any user the first time. */
    public static Accounts.SignedIn account() {
        Accounts accounts = Accounts.inProcess();
        int status = accounts.request().auth().oauth2(accounts.signInAdmin().token())
                .contentType(ContentType.JSON)
                .body(Map.of("username", USERNAME, "password", Accounts.PASSWORD, "roles", List.of(),
                        "display_name", "Discord"))
                .post("/api/users")
                .then().extract().statusCode();
        if (status != 201 && status != 409) {
            throw new AssertionError("could not create the bridge's account: " + status);
        }
        return accounts.signIn(USERNAME, Accounts.PASSWORD);
    }

    public static String newId() {
        return "dc-" + UUID.randomUUID();
    }

    /** A fresh Discord id, as Discord would make one. */
    public static String snowflake() {
        return Long.toString(SNOWFLAKES.incrementAndGet());
    }

    /** A {@code bridge.message} by Discord user 555 "dana", to add optional fields to. */
    public static ObjectNode message(String channel, String externalId, String content) {
        ObjectNode data = ProtocolJson.mapper().createObjectNode()
                .put("channel", channel)
                .put("external_id", externalId)
                .put("content", content);
        data.putObject("author").put("id", "555").put("name", "dana")
                .put("avatar_url", "https://cdn.discordapp.com/avatars/555/a.png");
        return envelope("bridge.message", data);
    }

    public static ObjectNode edited(String externalId, String content) {
        return envelope("bridge.message.edited",
                ProtocolJson.mapper().createObjectNode().put("external_id", externalId).put("content", content));
    }

    public static ObjectNode deleted(String externalId) {
        return envelope("bridge.message.deleted", ProtocolJson.mapper().createObjectNode().put("external_id", externalId));
    }

    /** A {@code bridge.reaction} by Discord user 555 "dana" on the Discord message {@code externalId}. */
    public static ObjectNode reaction(String externalId, String reaction, boolean added) {
        ObjectNode data = ProtocolJson.mapper().createObjectNode()
                .put("external_id", externalId).put("reaction", reaction).put("added", added);
        data.putObject("user").put("id", "555").put("name", "dana");
        return envelope("bridge.reaction", data);
    }

    /** A {@code bridge.command}: Discord user 555 "dana", mapped to web user {@code user}, typed {@code text}. */
    public static ObjectNode command(String channel, String user, String text) {
        ObjectNode data = ProtocolJson.mapper().createObjectNode()
                .put("channel", channel)
                .put("external_id", snowflake())
                .put("user", user)
                .put("text", text);
        data.putObject("author").put("id", "555").put("name", "dana");
        return envelope("bridge.command", data);
    }

    /** The reason an event was dead-lettered with, once it is. */
    public String deadLetterOf(ObjectNode event) {
        String id = event.path("id").asText();
        return Awaitility.await().atMost(ChatClient.WAIT).until(() -> redis.stream(String.class)
                        .xrange(names.deadletter(), StreamRange.of("-", "+")).stream()
                        .filter(entry -> id.equals(entry.payload().get("id")))
                        .map(entry -> entry.payload().get("reason"))
                        .findFirst().orElse(null),
                reason -> reason != null);
    }

    /** As the bridge sends: on its own stream, the only place bridge.* is taken from. */
    public void add(ObjectNode event) {
        redis.stream(String.class).xadd(names.bridgeInStream(), Map.of("event", event.toString()));
    }

    /** As anyone else with Redis access could try: on the agents' way in, pub/sub and stream. */
    public void forge(ObjectNode event) {
        redis.pubsub(String.class).publish(names.in(), event.toString());
        redis.stream(String.class).xadd(names.inStream(), Map.of("event", event.toString()));
    }

    private static ObjectNode envelope(String type, ObjectNode data) {
        ObjectNode envelope = ProtocolJson.mapper().createObjectNode()
                .put("v", 1)
                .put("id", newId())
                .put("type", type)
                .put("source", SOURCE);
        envelope.set("data", data);
        return envelope;
    }
}
