package dev.workflowchat.protocol.model;

import java.time.Instant;

/**
 * An agent's presence as browsers see it in {@code ready} and {@code presence}: {@code lastSeenAt}
 * when it last said anything, {@code statusSince} when its status last changed (added in the
 * second wave).
 */
public record AgentPresence(String agent, String status, String task, String detail, Instant lastSeenAt,
                            Instant statusSince) {
}
