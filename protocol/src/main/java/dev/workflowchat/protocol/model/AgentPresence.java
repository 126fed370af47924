package dev.workflowchat.protocol.model;

import java.time.Instant;

/** An agent's presence as browsers see it in {@code ready} and {@code presence}. */
public record AgentPresence(String agent, String status, String task, String detail, Instant lastSeenAt) {
}
