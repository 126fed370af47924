package dev.workflowchat.state.messaging;

import dev.workflowchat.bus.DeadLetterStream;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.event.InvalidEventException;
import dev.workflowchat.state.service.StateLeadership;
import dev.workflowchat.state.service.WorkflowService;
import dev.workflowchat.state.store.LeaderFence;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies one payload, whichever way it came, if it may come that way ({@link StateWay}); what
 * can never be applied goes to the dead-letter stream with its reason, and every payload is
 * counted once. A failure of Redis is passed on, so a stream entry stays pending and is tried again.
 */
@ApplicationScoped
public class StateEvents {

    private static final long DEAD_LETTERS_KEPT = 10_000;

    private final EventParser parser;
    private final WorkflowService workflow;
    private final RedisNames names;
    private final MeterRegistry metrics;
    private final DeadLetterStream deadLetters;
    private final StateLeadership leadership;

    public StateEvents(ReactiveRedisDataSource redis, EventParser parser, WorkflowService workflow, RedisNames names,
                       MeterRegistry metrics, StateLeadership leadership) {
        this.leadership = leadership;
        this.parser = parser;
        this.workflow = workflow;
        this.names = names;
        this.metrics = metrics;
        this.deadLetters = new DeadLetterStream(redis.stream(String.class, String.class, String.class),
                names.deadletter(), DEAD_LETTERS_KEPT);
    }

    public Uni<Void> process(String raw, StateWay way) {
        InboundEvent event;
        try {
            Envelope envelope = parser.envelope(raw);
            way.requireAccepted(envelope, names.stateCommands());
            event = way.admit(parser.inbound(envelope), names.stateCommands());
        } catch (InvalidEventException e) {
            return deadLetter(way, e.id(), e.getMessage(), raw);
        }
        return apply(event, raw, way);
    }

    /** Applies an event already read and admitted; one that can never be applied is dead-lettered with its reason. */
    public Uni<Void> apply(InboundEvent event, String raw, StateWay way) {
        // acting at once when the lease holds; a leader whose lease ran out while Redis was away renews
        // it first; one paused past its lease, or no longer leading, leaves the event pending for the
        // one that leads now
        return leadership.actNow().chain(acting -> acting ? applyActing(event, raw, way)
                : Uni.createFrom().failure(new LeaderFence.FencedOutException("not the leader: " + event.id() + " is left")));
    }

    private Uni<Void> applyActing(InboundEvent event, String raw, StateWay way) {
        return workflow.apply(event)
                .invoke(applied -> metrics.counter("wfchat.events.in", "origin", way.label(),
                        "outcome", applied ? "applied" : "duplicate").increment())
                .replaceWithVoid()
                .onFailure(InvalidEventException.class).recoverWithUni(failure ->
                        deadLetter(way, event.id(), failure.getMessage(), raw));
    }

    /** A payload that no agent's way in belongs to: nothing to apply it as. */
    public Uni<Void> refuse(StateWay way, String reason, String raw) {
        return deadLetter(way, null, reason, raw);
    }

    private Uni<Void> deadLetter(StateWay way, String id, String reason, String raw) {
        metrics.counter("wfchat.events.deadlettered", "origin", way.label()).increment();
        Log.warnf("dead-lettered an event from %s, id %s: %s", way.origin(), id == null ? "(none)" : id, reason);
        return deadLetters.append(way.origin(), id, reason, raw);
    }
}
