package dev.workflowchat.state.messaging;

import dev.workflowchat.bus.ResilientSubscriber;
import dev.workflowchat.bus.StreamDiscovery;
import dev.workflowchat.bus.StreamGroupReader;
import dev.workflowchat.bus.StreamGroupUpkeep;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.state.config.StateConfig;
import dev.workflowchat.state.service.StateLeadership;
import dev.workflowchat.state.service.TookTheLead;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The state-broadcaster's ways in. Pub/sub (kept alive across Redis restarts): the chat-service's
 * {@code wfchat:state:commands} (the only place a person's {@code command.invoke} is taken from),
 * the shared {@code wfchat:state:in}, and every agent's own {@code wfchat:state:in:<agent>} (one
 * pattern subscription). Streams, read with one blocking read as the group
 * {@code state-broadcaster} and acknowledged once applied: the shared
 * {@code wfchat:state:in:stream} and each agent's own {@code wfchat:state:in:<agent>:stream},
 * found by looking for them every {@code wfchat.redis.agent-streams-scan-every}; what every group
 * has acknowledged is trimmed every {@code wfchat.redis.trim-every}. What each way may carry:
 * {@link StateWay}.
 *
 * <p>Only the leader listens ({@link StateLeadership}): the ways open when it takes the lead. The
 * group's one consumer name is kept across leaders, so a new leader reads first what the last one
 * left pending; what a leader paused past its lease took meanwhile is claimed back after
 * {@code wfchat.redis.claim-idle}.
 */
@ApplicationScoped
public class StateInbound {

    public static final String GROUP = "state-broadcaster";
    private static final String CONSUMER = "state-broadcaster";
    private static final int BATCH = 100;

    private final ReactiveRedisDataSource redis;
    private final ReactivePubSubCommands<String> pubsub;
    private final StateEvents events;
    private final RedisNames names;
    private final StreamGroupReader reader;
    private final StreamGroupUpkeep upkeep;
    private final StateLeadership leadership;
    private final Duration claimIdle;
    private final List<Cancellable> subscriptions = new ArrayList<>();

    public StateInbound(ReactiveRedisDataSource redis, StateEvents events, RedisNames names, StateLeadership leadership,
                        StateConfig config) {
        this.redis = redis;
        this.pubsub = redis.pubsub(String.class);
        this.events = events;
        this.names = names;
        this.reader = StreamGroupReader.ofStreams(redis.stream(String.class, String.class, String.class), GROUP,
                CONSUMER, BATCH, this::applyInOrder,
                entry -> events.refuse(wayOfStream(entry.key()), "stream entry " + entry.id() + " has no '"
                        + StreamGroupReader.EVENT_FIELD + "' field", String.valueOf(entry.payload())));
        reader.add(names.stateInStream());
        this.upkeep = reader.upkeep(redis);
        this.leadership = leadership;
        this.claimIdle = config.redis().claimIdle();
    }

    void start(@Observes TookTheLead event) {
        subscriptions.add(subscribe(names.stateIn(), StateWay.PUBSUB));
        subscriptions.add(subscribe(names.stateCommands(), StateWay.COMMANDS));
        subscriptions.add(ResilientSubscriber.subscribeToPattern(pubsub, names.agentsStateInPattern(),
                (channel, raw) -> names.agentOfStateIn(channel)
                        .map(agent -> applyHeard(raw, StateWay.agentPubSub(agent)))
                        .orElseGet(() -> events.refuse(StateWay.NO_AGENTS_PUBSUB, "channel " + channel
                                + " is no agent's way in (" + names.stateIn() + ":<agent>)", raw))));
        reader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        subscriptions.forEach(Cancellable::cancel);
        reader.stop();
    }

    /** Adds the agents' own streams that appeared since the last look (and at start). */
    @Scheduled(every = "${wfchat.redis.agent-streams-scan-every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> findAgentStreams() {
        return !leadership.leading() ? Uni.createFrom().voidItem() : StreamDiscovery.addNewAgentStreams(redis, reader, names.agentsStateInStreamPattern(), names::agentOfStateIn);
    }

    /**
     * Takes back what was left pending longer than {@code claim-idle} (by a leader paused past its
     * lease), then removes the entries of the streams read that every group has acknowledged.
     */
    @Scheduled(every = "${wfchat.redis.trim-every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> trimAcknowledged() {
        return !leadership.leading() ? Uni.createFrom().voidItem()
                : upkeep.tidy(claimIdle).chain(upkeep::trimAcknowledged);
    }

    private Cancellable subscribe(String channel, StateWay way) {
        return ResilientSubscriber.subscribe(pubsub, channel, raw -> applyHeard(raw, way));
    }

    /** Pub/sub is at most once: what Redis fails on here is logged, and lost unless it came on a stream too. */
    private Uni<Void> applyHeard(String raw, StateWay way) {
        return events.process(raw, way)
                .onFailure().invoke(failure -> Log.warnf("a pub/sub event could not be applied: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** One stream's envelopes of one read, one after another; a failure leaves them all pending. */
    private Uni<Void> applyInOrder(String stream, List<String> envelopes) {
        StateWay way = wayOfStream(stream);
        return Multi.createFrom().iterable(envelopes)
                .onItem().transformToUniAndConcatenate(raw -> events.process(raw, way))
                .collect().last()
                .replaceWithVoid();
    }

    private StateWay wayOfStream(String stream) {
        return stream.equals(names.stateInStream()) ? StateWay.STREAM
                : names.agentOfStateIn(stream).map(StateWay::agentStream).orElse(StateWay.STREAM);
    }
}
