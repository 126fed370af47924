package dev.workflowchat.chat.announce;

import dev.workflowchat.bus.PublishCount;
import dev.workflowchat.bus.StreamGroupReader;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.metrics.ChatMetrics;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes envelopes: each pub/sub channel has its stream twin (field {@code event}), the
 * durable path for whoever was not listening; streams are capped (MAXLEN ~).
 */
@ApplicationScoped
public class RedisEvents {

    public static final String EVENT_FIELD = StreamGroupReader.EVENT_FIELD;
    private static final int PIPELINED_EVENTS = 250;

    private final ReactiveRedisDataSource redis;
    private final ReactivePubSubCommands<String> pubsub;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final RedisNames names;
    private final ChatConfig config;
    private final ChatMetrics metrics;

    /** On a Redis Cluster a PUBLISH counts only its own node's subscribers: {@link PublishCount} asks every node. */
    @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone")
    String clientType = "standalone";

    public RedisEvents(ReactiveRedisDataSource redis, RedisNames names, ChatConfig config, ChatMetrics metrics) {
        this.redis = redis;
        this.pubsub = redis.pubsub(String.class);
        this.streams = redis.stream(String.class, String.class, String.class);
        this.names = names;
        this.config = config;
        this.metrics = metrics;
    }

    /** On {@code wfchat:out} and {@code wfchat:out:stream}. */
    public Uni<Void> publishOut(Envelope event) {
        String json = event.toJson();
        return append(names.outStream(), json, config.redis().outStreamMaxLength())
                .chain(() -> pubsub.publish(names.out(), json))
                .invoke(() -> metrics.announced(event));
    }

    /**
     * Many events on {@code wfchat:out} and its stream, in the order given: the commands go out
     * pipelined on one connection, which keeps their order, so clients see the changes in number
     * order without a round trip per event. At most {@value #PIPELINED_EVENTS} events' commands
     * are in flight at once: a connection queues only so many (the client's waiting handlers).
     */
    public Uni<Void> publishOutInOrder(List<Envelope> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return redis.withConnection(connection -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (int from = 0; from < events.size(); from += PIPELINED_EVENTS) {
                List<Envelope> chunk = events.subList(from, Math.min(events.size(), from + PIPELINED_EVENTS));
                all = all.chain(() -> pipelined(connection, chunk));
            }
            return all;
        }).invoke(() -> events.forEach(metrics::announced));
    }

    private Uni<Void> pipelined(ReactiveRedisDataSource connection, List<Envelope> events) {
        ReactiveStreamCommands<String, String, String> connectionStreams =
                connection.stream(String.class, String.class, String.class);
        ReactivePubSubCommands<String> connectionPubsub = connection.pubsub(String.class);
        XAddArgs trimmed = new XAddArgs().maxlen(config.redis().outStreamMaxLength()).nearlyExactTrimming();
        List<Uni<Void>> commands = new ArrayList<>(events.size() * 2);
        for (Envelope event : events) {
            String json = event.toJson();
            commands.add(connectionStreams.xadd(names.outStream(), trimmed, Map.of(EVENT_FIELD, json)).replaceWithVoid());
            commands.add(connectionPubsub.publish(names.out(), json).replaceWithVoid());
        }
        // joined in list order: each command is sent as it is subscribed, before the previous answered
        return Uni.join().all(commands).andFailFast().replaceWithVoid();
    }

    /** On {@code wfchat:agent:<agent>} and its stream, where the agent catches up after a restart. */
    public Uni<Void> publishToAgent(String agent, Envelope event) {
        String json = event.toJson();
        return append(names.agentStream(agent), json, config.redis().agentStreamMaxLength())
                .chain(() -> pubsub.publish(names.agent(agent), json));
    }

    /**
     * A command for the state-broadcaster, on its commands channel (which only this service may
     * publish to), pub/sub only: a person waits a few seconds for the answer, and a command the
     * service missed must not take effect later unseen. Gives how many listeners received it.
     */
    public Uni<Long> publishToState(Envelope event) {
        // PUBLISH answers how many subscribers got it: zero means no state-broadcaster heard it
        return PublishCount.publish(redis, PublishCount.isCluster(clientType), names.stateCommands(), event.toJson());
    }

    /**
     * An agent's command for the state-broadcaster, made here for an agent that attached over MCP:
     * on the agent's own pub/sub way, {@code wfchat:state:in:<agent>}, pub/sub only as a person's
     * command is (the agent waits a few seconds for the answer; a command nobody heard must not take
     * effect later unseen; and the agent's own stream is found only by the state-broadcaster's
     * periodic look for new ones, later than the agent waits). Gives how many listeners received it.
     */
    public Uni<Long> publishToStateFor(String agent, Envelope event) {
        return PublishCount.publish(redis, PublishCount.isCluster(clientType), names.stateIn(agent), event.toJson());
    }

    /**
     * An agent's event for the state-broadcaster, made here for an agent that attached over MCP: on
     * the agent's own durable way, {@code wfchat:state:in:<agent>:stream}, exactly where the agent
     * would have added it itself, so the state-broadcaster applies it under the same rules.
     */
    public Uni<Void> appendToStateFor(String agent, Envelope event) {
        return append(names.stateInStream(agent), event.toJson(), config.redis().agentStreamMaxLength());
    }

    /** On {@code wfchat:out} only: for what is worthless later (typing, session ends). */
    public Uni<Void> publishEphemeral(Envelope event) {
        return pubsub.publish(names.out(), event.toJson());
    }

    private Uni<Void> append(String stream, String json, long maxLength) {
        return streams.xadd(stream, new XAddArgs().maxlen(maxLength).nearlyExactTrimming(), Map.of(EVENT_FIELD, json))
                .replaceWithVoid();
    }
}
