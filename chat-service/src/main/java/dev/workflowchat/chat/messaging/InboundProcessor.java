package dev.workflowchat.chat.messaging;

import dev.workflowchat.chat.approval.ApprovalService;
import dev.workflowchat.chat.bridge.BridgeCommands;
import dev.workflowchat.chat.bridge.BridgeService;
import dev.workflowchat.chat.command.CommandResults;
import dev.workflowchat.chat.service.DependencyFailures;
import dev.workflowchat.chat.service.MessageService;
import dev.workflowchat.chat.service.PresenceService;
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

/**
 * Applies one payload from {@code wfchat:in}, whichever path it came by. Input that can never
 * succeed is dead-lettered; a failure of the database is passed on so a stream entry stays
 * unacknowledged and is tried again.
 */
@ApplicationScoped
public class InboundProcessor {

    /** How a payload ended; IGNORED: valid, but about something unknown here, so it changed nothing. */
    public enum Outcome { APPLIED, DUPLICATE, IGNORED, DEAD_LETTERED }

    private static final String UNKNOWN_TYPE = "unknown";

    private final EventParser parser;
    private final MessageService messages;
    private final PresenceService presence;
    private final ApprovalService approvals;
    private final CommandResults commandResults;
    private final BridgeService bridge;
    private final BridgeCommands bridgeCommands;
    private final DeadLetters deadLetters;
    private final DuplicatedContexts contexts;
    private final MeterRegistry metrics;

    public InboundProcessor(EventParser parser, MessageService messages, PresenceService presence,
                            ApprovalService approvals, CommandResults commandResults, BridgeService bridge,
                            BridgeCommands bridgeCommands, DeadLetters deadLetters, DuplicatedContexts contexts,
                            MeterRegistry metrics) {
        this.parser = parser;
        this.messages = messages;
        this.presence = presence;
        this.approvals = approvals;
        this.commandResults = commandResults;
        this.bridge = bridge;
        this.bridgeCommands = bridgeCommands;
        this.deadLetters = deadLetters;
        this.contexts = contexts;
        this.metrics = metrics;
    }

    /** Applies a payload that came the given way, if it may come that way. */
    public Uni<Outcome> process(String raw, InboundWay way) {
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
        return contexts.run(() -> apply(valid, event))
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

    private Uni<Outcome> apply(Envelope envelope, InboundEvent event) {
        if (event instanceof InboundEvent.AgentMessage message) {
            return messages.postAsAgent(message).map(stored -> stored == null ? Outcome.DUPLICATE : Outcome.APPLIED);
        }
        if (event instanceof InboundEvent.AgentStatus status) {
            return presence.update(status, envelope.ts())
                    .map(changed -> changed == null ? Outcome.DUPLICATE : Outcome.APPLIED);
        }
        if (event instanceof InboundEvent.ApprovalRequest request) {
            return approvals.request(request).map(created -> created == null ? Outcome.DUPLICATE : Outcome.APPLIED);
        }
        if (event instanceof InboundEvent.ApprovalCancel cancel) {
            return approvals.cancel(cancel).map(cancelled -> cancelled == null ? Outcome.DUPLICATE : Outcome.APPLIED);
        }
        if (event instanceof InboundEvent.BridgeMessage message) {
            return bridge.post(message).map(InboundProcessor::outcomeOf);
        }
        if (event instanceof InboundEvent.BridgeMessageEdited edited) {
            return bridge.edit(edited).map(InboundProcessor::outcomeOf);
        }
        if (event instanceof InboundEvent.BridgeMessageDeleted deleted) {
            return bridge.delete(deleted).map(InboundProcessor::outcomeOf);
        }
        if (event instanceof InboundEvent.BridgeCommand command) {
            return bridgeCommands.run(command).map(InboundProcessor::outcomeOf);
        }
        if (event instanceof InboundEvent.CommandResult result) {
            // Every replica hears it; the one whose person waits shows it, the others have nothing to do.
            return Uni.createFrom().item(commandResults.complete(result) ? Outcome.APPLIED : Outcome.DUPLICATE);
        }
        // A valid type without a feature here yet: kept in the dead-letter stream, not lost.
        return Uni.createFrom().failure(new InvalidEventException(envelope.id(),
                "type " + envelope.type() + " is not handled by this version of the chat-service"));
    }

    private Uni<Outcome> deadLetter(String origin, String type, String id, String reason, String raw,
                                    boolean fromPubSub) {
        count(origin, type, Outcome.DEAD_LETTERED);
        return deadLetters.record(origin, id, reason, raw, fromPubSub).replaceWith(Outcome.DEAD_LETTERED);
    }

    private void count(String origin, String type, Outcome outcome) {
        count(origin, type, outcome, 1);
    }

    /** Counts events applied by other means (a batch), as this counts its own. */
    void count(String origin, String type, Outcome outcome, int events) {
        if (events > 0) {
            metrics.counter("wfchat.events.in", "origin", origin, "type", type,
                    "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).increment(events);
        }
    }

    private static Outcome outcomeOf(BridgeService.Result result) {
        return switch (result) {
            case APPLIED -> Outcome.APPLIED;
            case DUPLICATE -> Outcome.DUPLICATE;
            case NOTHING_TO_CHANGE -> Outcome.IGNORED;
        };
    }

    private static String reasonOf(Throwable failure) {
        if (failure instanceof ProtocolException protocol) {
            return protocol.code().wireName() + ": " + protocol.getMessage();
        }
        return "internal error: " + failure.getClass().getSimpleName();
    }
}
