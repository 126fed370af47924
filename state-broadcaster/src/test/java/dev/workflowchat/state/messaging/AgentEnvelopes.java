package dev.workflowchat.state.messaging;

import java.util.UUID;

/** Envelopes an agent sends the state-broadcaster, built for tests; each has a fresh id unless given one. */
final class AgentEnvelopes {

    private AgentEnvelopes() {
    }

    static String newId() {
        return "t-" + UUID.randomUUID();
    }

    static String activity(String id, String source, String agent, String project) {
        return envelope(id, "agent.activity", source, "{\"agent\":\"" + agent + "\",\"action\":\"writing tests\","
                + "\"status\":\"started\",\"story_id\":\"S1\",\"project\":\"" + project + "\"}");
    }

    static String activity(String source, String agent, String project) {
        return activity(newId(), source, agent, project);
    }

    static String tddReport(String source, String project) {
        return envelope(newId(), "tdd.report", source, "{\"story_id\":\"S1\",\"to\":\"TEST_RED\",\"project\":\""
                + project + "\"}");
    }

    static String signal(String source, String signal, String project) {
        return envelope(newId(), "workflow.signal", source, "{\"signal\":\"" + signal + "\",\"project\":\"" + project + "\"}");
    }

    /** {@code /epic <title>}, naming {@code user} as who runs it. */
    static String epic(String id, String source, String user, String title, String project) {
        return envelope(id, "command.invoke", source, "{\"correlation_id\":\"c-" + id + "\",\"command\":\"/epic\","
                + "\"args\":[\"" + title + "\"],\"user\":\"" + user + "\",\"channel\":\"workflow\",\"project\":\""
                + project + "\"}");
    }

    static String agentMessage(String source, String agent) {
        return envelope(newId(), "agent.message", source, "{\"channel\":\"general\",\"agent\":\"" + agent
                + "\",\"content\":\"not for the state-broadcaster\"}");
    }

    static String envelope(String id, String type, String source, String dataJson) {
        return "{\"v\":1,\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"source\":\"" + source + "\",\"data\":"
                + dataJson + "}";
    }
}
