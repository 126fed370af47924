package dev.workflowchat.state.messaging;

import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.event.InvalidEventException;
import java.util.Optional;

/**
 * The way a payload came to the state-broadcaster, which decides what it may be: the chat-service's
 * commands channel only a person's {@code command.invoke}; the shared agents' way
 * ({@code wfchat:state:in} and its stream) any agent's events, a command only as the agent its
 * source names; an agent's own way ({@code wfchat:state:in:<agent>} and its stream), which a Redis
 * ACL lets only that agent write, only that agent's events, in its own name. {@code label} names the
 * way in metrics (a bounded set: the agent is not part of it).
 */
public record StateWay(String label, String agent) {

    public static final StateWay PUBSUB = new StateWay("pubsub", null);
    public static final StateWay STREAM = new StateWay("stream", null);
    public static final StateWay COMMANDS = new StateWay("commands", null);
    /** A channel the agents' pattern matched that names no valid agent: nothing may come this way. */
    public static final StateWay NO_AGENTS_PUBSUB = new StateWay("agent-pubsub", null);

    public static StateWay agentPubSub(String agent) {
        return new StateWay("agent-pubsub", agent);
    }

    public static StateWay agentStream(String agent) {
        return new StateWay("agent-stream", agent);
    }

    public boolean isAgentsOwn() {
        return agent != null;
    }

    /** Where dead letters say the payload came from: the way, and the agent whose own way it is. */
    public String origin() {
        return "state-broadcaster:" + label + (isAgentsOwn() ? ":" + agent : "");
    }

    /** Refuses a type this way does not carry, before its data is read. */
    void requireAccepted(Envelope envelope, String commandsChannel) {
        String type = envelope.type();
        if (this.equals(COMMANDS) && !EventTypes.COMMAND_INVOKE.equals(type)) {
            throw new InvalidEventException(envelope.id(), "only command.invoke is accepted on " + commandsChannel);
        }
        if (!EventTypes.STATE_INBOUND.contains(type)) {
            throw new InvalidEventException(envelope.id(), isAgentsOwn()
                    ? "type " + type + " is not accepted on " + agent + "'s own way in"
                    : "type " + type + " is not accepted here");
        }
    }

    /**
     * The event as it is applied when it came this way: a command from an agent runs as that agent
     * whatever {@code user} it names. Throws, with the reason, what may not come this way.
     */
    InboundEvent admit(InboundEvent event, String commandsChannel) {
        if (this.equals(COMMANDS)) {
            return event;
        }
        if (isAgentsOwn()) {
            String named = event instanceof InboundEvent.AgentActivity activity ? activity.agent() : agent;
            if (!(ChannelNames.AGENT_SOURCE_PREFIX + agent).equals(event.source()) || !agent.equals(named)) {
                throw new InvalidEventException(event.id(), "on " + agent + "'s own way in, source must be agent:"
                        + agent + " and the agent " + agent);
            }
        }
        if (event instanceof InboundEvent.CommandInvoke invoke) {
            Optional<String> agentOfSource = ChannelNames.agentOfSource(invoke.source());
            if (agentOfSource.isEmpty()) {
                throw new InvalidEventException(event.id(), "command.invoke here must come from an agent "
                        + "(source agent:<name>); a person's command is accepted only on " + commandsChannel);
            }
            return invoke.as(ChannelNames.AGENT_SOURCE_PREFIX + agentOfSource.get());
        }
        return event;
    }
}
