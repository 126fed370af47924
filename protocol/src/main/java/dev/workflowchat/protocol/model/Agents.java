package dev.workflowchat.protocol.model;

import java.util.Map;

/** The workflow's known agents and their emoji; any other agent name is allowed and shown as 🤖. */
public final class Agents {

    public static final Map<String, String> KNOWN = Map.of(
            "orchestrator", "🎭",
            "code", "💻",
            "design", "📐",
            "qa", "🧪",
            "data", "📊");

    private Agents() {
    }

    public static String emoji(String agent) {
        return KNOWN.getOrDefault(agent, "🤖");
    }

    /** How an agent is named where people read it: "💻 Code Agent" for {@code code}. */
    public static String displayName(String agent) {
        String name = agent == null || agent.isEmpty() ? "Agent" : Character.toUpperCase(agent.charAt(0)) + agent.substring(1);
        return emoji(agent) + " " + name + " Agent";
    }
}
