package dev.workflowchat.chat.inbound;

import dev.workflowchat.chat.service.DependencyFailures;
import dev.workflowchat.chat.service.DuplicatedContexts;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.event.InvalidEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * Applies one payload from {@code wfchat:in}, whichever path it came by. Input that can never
 * succeed is dead-lettered; a failure of the database is passed on so a stream entry stays
 * unacknowledged and is tried again.
 */
@ApplicationScoped
public class InboundProcessor {

    private static final String UNKNOWN_TYPE = "unknown";

    private final EventParser parser;
    private final InboundEvents events;
    private final DeadLetters deadLetters;
    private final DuplicatedContexts contexts;
    private final MeterRegistry metrics;

    public InboundProcessor(EventParser parser, InboundEvents events, DeadLetters deadLetters,
                            DuplicatedContexts contexts, MeterRegistry metrics) {
        this.parser = parser;
        this.events = events;
        this.deadLetters = deadLetters;
        this.contexts = contexts;
        this.metrics = metrics;
    }

    /** Applies a payload that came the given way, if it may come that way. */
    public Uni<InboundOutcome> process(String raw, InboundWay way) {
        String origin = way.label();
        boolean fromPubSub = way.pubsub();
        Envelope envelope = null;
        InboundEvent event;
        try {
            envelope = parser.envelope(raw);
            if (!EventTypes.CHAT_INBOUND.contains(envelope.type())) {
                throw new InvalidEventException(envelope.id(), "type " + envelope.type() + " is not accepted on this channel");
            }
            event = parser.inbound(envelope);
            requireAllowedOn(way, envelope, event);
        } catch (InvalidEventException e) {
            return deadLetter(origin, envelope == null ? UNKNOWN_TYPE : envelope.type(), e.id(), e.getMessage(), raw,
                    fromPubSub);
        }
        Envelope valid = envelope;
        return contexts.run(() -> events.apply(valid, event))
                .onItem().invoke(outcome -> count(origin, valid.type(), outcome))
                .onFailure(failure -> !DependencyFailures.isUnavailable(failure)).recoverWithUni(failure -> {
                    if (!(failure instanceof ProtocolException)) {
                        Log.errorf(failure, "event %s failed unexpectedly", valid.id());
                    }
                    return deadLetter(origin, valid.type(), valid.id(), reasonOf(failure), raw, fromPubSub);
                });
    }

    /**
     * {@code bridge.*} acts for Discord people (a {@code bridge.command} runs as a web user): it is
     * taken only from the bridge's own stream, which a Redis ACL keeps for the bridge alone. An
     * agent's own way in takes only that agent's own events, in its own name: what one agent writes
     * there can neither speak for another agent nor reach anyone else's way in.
     */
    static void requireAllowedOn(InboundWay way, Envelope envelope, InboundEvent event) {
        boolean bridgeType = EventTypes.BRIDGE_INBOUND.contains(envelope.type());
        if (bridgeType != way.isBridge()) {
            throw new InvalidEventException(envelope.id(), bridgeType
                    ? "type " + envelope.type() + " is accepted only on the bridge's stream"
                    : "only bridge.* types are accepted on the bridge's stream");
        }
        if (!way.isAgentsOwn()) {
            return;
        }
        String agent = way.agent();
        if (!EventTypes.AGENT_OWN_INBOUND.contains(envelope.type())) {
            throw new InvalidEventException(envelope.id(), "type " + envelope.type() + " is not accepted on "
                    + agent + "'s own way in");
        }
        String named = event instanceof InboundEvent.AgentMessage message ? message.agent()
                : event instanceof InboundEvent.AgentStatus status ? status.agent() : agent;
        if (!(ChannelNames.AGENT_SOURCE_PREFIX + agent).equals(envelope.source()) || !agent.equals(named)) {
            throw new InvalidEventException(envelope.id(), "on " + agent + "'s own way in, source must be agent:"
                    + agent + " and the agent " + agent);
        }
    }

    private Uni<InboundOutcome> deadLetter(String origin, String type, String id, String reason, String raw,
                                    boolean fromPubSub) {
        count(origin, type, InboundOutcome.DEAD_LETTERED);
        return deadLetters.record(origin, id, reason, raw, fromPubSub).replaceWith(InboundOutcome.DEAD_LETTERED);
    }

    private void count(String origin, String type, InboundOutcome outcome) {
        count(origin, type, outcome, 1);
    }

    /** Counts events applied by other means (a batch), as this counts its own. */
    void count(String origin, String type, InboundOutcome outcome, int events) {
        if (events > 0) {
            metrics.counter("wfchat.events.in", "origin", origin, "type", type,
                    "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment(events);
        }
    }

    private static String reasonOf(Throwable failure) {
        if (failure instanceof ProtocolException protocol) {
            return protocol.code().wireName() + ": " + protocol.getMessage();
        }
        return "internal error: " + failure.getClass().getSimpleName();
    }
}
