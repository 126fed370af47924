package dev.workflowchat.chat.inbound;

import dev.workflowchat.chat.approval.ApprovalService;
import dev.workflowchat.chat.bridge.BridgeCommands;
import dev.workflowchat.chat.bridge.BridgeReactions;
import dev.workflowchat.chat.bridge.BridgeService;
import dev.workflowchat.chat.command.CommandResults;
import dev.workflowchat.chat.service.AgentMessages;
import dev.workflowchat.chat.service.Once;
import dev.workflowchat.chat.service.PresenceService;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.event.InvalidEventException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Hands a valid inbound event to the feature it is for, and says how it ended. */
@ApplicationScoped
public class InboundEvents {

    private final AgentMessages agentMessages;
    private final PresenceService presence;
    private final ApprovalService approvals;
    private final CommandResults commandResults;
    private final BridgeService bridge;
    private final BridgeCommands bridgeCommands;
    private final BridgeReactions bridgeReactions;

    public InboundEvents(AgentMessages agentMessages, PresenceService presence, ApprovalService approvals,
                         CommandResults commandResults, BridgeService bridge, BridgeCommands bridgeCommands,
                         BridgeReactions bridgeReactions) {
        this.bridgeReactions = bridgeReactions;
        this.agentMessages = agentMessages;
        this.presence = presence;
        this.approvals = approvals;
        this.commandResults = commandResults;
        this.bridge = bridge;
        this.bridgeCommands = bridgeCommands;
    }

    Uni<InboundOutcome> apply(Envelope envelope, InboundEvent event) {
        if (event instanceof InboundEvent.AgentMessage message) {
            return agentMessages.post(message).map(InboundEvents::outcomeOf);
        }
        if (event instanceof InboundEvent.AgentStatus status) {
            return presence.update(status, envelope.ts()).map(InboundEvents::outcomeOf);
        }
        if (event instanceof InboundEvent.ApprovalRequest request) {
            return approvals.request(request).map(InboundEvents::outcomeOf);
        }
        if (event instanceof InboundEvent.ApprovalCancel cancel) {
            return approvals.cancel(cancel).map(InboundEvents::outcomeOf);
        }
        if (event instanceof InboundEvent.BridgeMessage message) {
            return bridge.post(message).map(InboundEvents::outcomeOf);
        }
        if (event instanceof InboundEvent.BridgeMessageEdited edited) {
            return bridge.edit(edited).map(InboundEvents::outcomeOf);
        }
        if (event instanceof InboundEvent.BridgeMessageDeleted deleted) {
            return bridge.delete(deleted).map(InboundEvents::outcomeOf);
        }
        if (event instanceof InboundEvent.BridgeReaction reaction) {
            return bridgeReactions.react(reaction).map(InboundEvents::outcomeOf);
        }
        if (event instanceof InboundEvent.BridgeCommand command) {
            return bridgeCommands.run(command).map(InboundEvents::outcomeOf);
        }
        if (event instanceof InboundEvent.CommandResult result) {
            // Every replica hears it; the one whose person waits shows it, the others have nothing to do.
            return Uni.createFrom().item(commandResults.complete(result) ? InboundOutcome.APPLIED : InboundOutcome.DUPLICATE);
        }
        // A valid type without a feature here yet: kept in the dead-letter stream, not lost.
        return Uni.createFrom().failure(new InvalidEventException(envelope.id(),
                "type " + envelope.type() + " is not handled by this version of the chat-service"));
    }

    private static InboundOutcome outcomeOf(Once<?> once) {
        return once.isApplied() ? InboundOutcome.APPLIED : InboundOutcome.DUPLICATE;
    }

    private static InboundOutcome outcomeOf(BridgeService.Result result) {
        return switch (result) {
            case APPLIED -> InboundOutcome.APPLIED;
            case DUPLICATE -> InboundOutcome.DUPLICATE;
            case NOTHING_TO_CHANGE -> InboundOutcome.IGNORED;
        };
    }
}
