package dev.workflowchat.state.service;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Talks to the state-broadcaster under test as the chat-service does: commands on
 * {@code wfchat:state:commands}, their results heard on {@code wfchat:in}, snapshots read from
 * their keys, announcements heard on {@code wfchat:state}.
 */
public final class StateClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(15);

    private final RedisDataSource redis;
    private final RedisNames names;
    final List<JsonNode> results = new CopyOnWriteArrayList<>();
    final List<JsonNode> announced = new CopyOnWriteArrayList<>();
    private final PubSubCommands.RedisSubscriber resultListener;
    private final PubSubCommands.RedisSubscriber stateListener;

    public StateClient(RedisDataSource redis, RedisNames names) {
        this.redis = redis;
        this.names = names;
        resultListener = redis.pubsub(String.class).subscribe(names.in(), raw -> results.add(read(raw)));
        stateListener = redis.pubsub(String.class).subscribe(names.state(), raw -> announced.add(read(raw)));
    }

    /** Runs a command as alice in #workflow and waits for its {@code command.result}. */
    public JsonNode invoke(String project, String command, List<String> args) {
        String id = UUID.randomUUID().toString();
        String correlation = "c-" + id;
        publishCommand(commandInvoke(id, command, ProtocolJson.mapper().valueToTree(args).toString(), project));
        return await().atMost(WAIT).until(() -> results.stream()
                .filter(result -> correlation.equals(result.path("data").path("correlation_id").asText()))
                .findFirst().orElse(null), found -> found != null);
    }

    /** Runs a command as agent {@code agent} on its own pub/sub way in and waits for its {@code command.result}. */
    public JsonNode invokeAsAgent(String agent, String project, String command, List<String> args) {
        String id = UUID.randomUUID().toString();
        String payload = commandInvoke(id, command, ProtocolJson.mapper().valueToTree(args).toString(), project)
                .replace("\"source\":\"chat-service\"", "\"source\":\"agent:" + agent + "\"");
        // agents' ways in are heard through one pattern subscription
        await().atMost(WAIT).until(() -> redis.execute("PUBSUB", "NUMPAT").toLong() >= 1);
        redis.pubsub(String.class).publish(names.stateIn(agent), payload);
        return await().atMost(WAIT).until(() -> results.stream()
                .filter(result -> ("c-" + id).equals(result.path("data").path("correlation_id").asText()))
                .findFirst().orElse(null), found -> found != null);
    }

    /** Creates a project named {@code prefix} and a random tail ({@code /project create}), and returns its name. */
    public String newProject(String prefix) {
        String name = prefix + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = invoke("default", "/project", List.of("create", name));
        if (!created.path("data").path("ok").asBoolean()) {
            throw new AssertionError("could not create project " + name + ": " + created);
        }
        return name;
    }

    /** A {@code command.invoke} as the chat-service sends it, from alice in #workflow; its correlation id is "c-" + id. */
    public static String commandInvoke(String id, String command, String argsJson, String project) {
        return "{\"v\":1,\"id\":\"" + id + "\",\"type\":\"command.invoke\",\"source\":\"chat-service\",\"data\":"
                + "{\"correlation_id\":\"c-" + id + "\",\"command\":\"" + command + "\",\"args\":" + argsJson
                + ",\"user\":\"alice\",\"channel\":\"workflow\",\"project\":\"" + project + "\"}}";
    }

    /** As the chat-service does: on the commands channel, once the service listens there. */
    public void publishCommand(String payload) {
        awaitSubscribed(names.stateCommands());
        redis.pubsub(String.class).publish(names.stateCommands(), payload);
    }

    public void awaitSubscribed(String channel) {
        await().atMost(WAIT).until(() -> redis.execute("PUBSUB", "NUMSUB", channel).get(1).toLong() >= 1);
    }

    public JsonNode snapshotOf(String project) {
        String json = redis.value(String.class).get(names.stateSnapshot(project));
        return json == null ? ProtocolJson.mapper().createObjectNode() : read(json);
    }

    public static JsonNode read(String json) {
        try {
            return ProtocolJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Override
    public void close() {
        resultListener.unsubscribe();
        stateListener.unsubscribe();
    }
}
