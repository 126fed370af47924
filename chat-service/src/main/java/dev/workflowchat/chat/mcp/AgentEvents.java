package dev.workflowchat.chat.mcp;

import dev.workflowchat.chat.announce.RedisEvents;
import dev.workflowchat.chat.approval.ApprovalService;
import dev.workflowchat.chat.keys.AgentKey;
import dev.workflowchat.chat.service.AgentMessages;
import dev.workflowchat.chat.service.DuplicatedContexts;
import dev.workflowchat.chat.service.PresenceService;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.model.AgentPresence;
import dev.workflowchat.protocol.model.ApprovalView;
import dev.workflowchat.protocol.model.MessageView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * What an agent does over MCP, done as if it had sent the envelope on its own Redis way in: the
 * envelope is made in its name ({@code source} {@code agent:<name>}), validated by the same
 * {@link EventParser}, and handed to the same service the inbound path calls, so the same card,
 * policy, rules and limits apply. Events for the state-broadcaster go onto the agent's own stream.
 */
@ApplicationScoped
public class AgentEvents {

    private final EventParser parser;
    private final AgentMessages messages;
    private final PresenceService presence;
    private final ApprovalService approvals;
    private final RedisEvents redis;
    private final DuplicatedContexts contexts;

    public AgentEvents(EventParser parser, AgentMessages messages, PresenceService presence, ApprovalService approvals,
                       RedisEvents redis, DuplicatedContexts contexts) {
        this.parser = parser;
        this.messages = messages;
        this.presence = presence;
        this.approvals = approvals;
        this.redis = redis;
        this.contexts = contexts;
    }

    Uni<MessageView> post(AgentKey key, Map<String, Object> data) {
        var event = (InboundEvent.AgentMessage) parse(key, EventTypes.AGENT_MESSAGE, data);
        return contexts.run(() -> messages.post(event)).map(once -> once.made());
    }

    Uni<AgentPresence> status(AgentKey key, Map<String, Object> data) {
        Envelope envelope = envelope(key, EventTypes.AGENT_STATUS, data);
        var event = (InboundEvent.AgentStatus) parser.inbound(envelope);
        return contexts.run(() -> presence.update(event, envelope.ts())).map(once -> once.made());
    }

    Uni<ApprovalView> requestApproval(AgentKey key, Map<String, Object> data) {
        var event = (InboundEvent.ApprovalRequest) parse(key, EventTypes.APPROVAL_REQUEST, data);
        return contexts.run(() -> approvals.request(event)).map(once -> once.made());
    }

    /** Onto the agent's own way to the state-broadcaster, after the same validation; the envelope's id. */
    Uni<String> toStateBroadcaster(AgentKey key, String type, Map<String, Object> data) {
        Envelope envelope = envelope(key, type, data);
        parser.inbound(envelope);
        return redis.appendToStateFor(key.agent(), envelope).replaceWith(envelope.id());
    }

    /** A command on the agent's own pub/sub way to the state-broadcaster, after the same validation; how many heard it. */
    Uni<Long> commandToStateBroadcaster(AgentKey key, Map<String, Object> data) {
        Envelope envelope = envelope(key, EventTypes.COMMAND_INVOKE, data);
        parser.inbound(envelope);
        return redis.publishToStateFor(key.agent(), envelope);
    }

    private InboundEvent parse(AgentKey key, String type, Map<String, Object> data) {
        return parser.inbound(envelope(key, type, data));
    }

    private static Envelope envelope(AgentKey key, String type, Map<String, Object> data) {
        return Envelope.create(type, key.source(), null, data);
    }
}
