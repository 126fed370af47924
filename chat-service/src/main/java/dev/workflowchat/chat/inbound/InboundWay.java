package dev.workflowchat.chat.inbound;

/**
 * The way an inbound payload came, which decides what it may be: the shared ways in
 * ({@code wfchat:in} and its stream) take agents' and the state-broadcaster's events; the bridge's
 * own stream only {@code bridge.*}; an agent's own way in ({@code wfchat:in:<agent>} and its stream)
 * only that agent's own events, in its own name. {@code label} names it in logs, metrics and dead
 * letters (a bounded set: the agent is not part of it).
 */
public record InboundWay(String label, String agent, boolean pubsub) {

    public static final InboundWay PUBSUB = new InboundWay("pubsub", null, true);
    public static final InboundWay STREAM = new InboundWay("stream", null, false);
    public static final InboundWay BRIDGE = new InboundWay("bridge", null, false);

    public static InboundWay agentPubSub(String agent) {
        return new InboundWay("agent-pubsub", agent, true);
    }

    public static InboundWay agentStream(String agent) {
        return new InboundWay("agent-stream", agent, false);
    }

    public boolean isAgentsOwn() {
        return agent != null;
    }

    public boolean isBridge() {
        return this.equals(BRIDGE);
    }
}
