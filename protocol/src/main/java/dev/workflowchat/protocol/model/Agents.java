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
}
