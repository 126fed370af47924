package dev.workflowchat.state.machine;

import java.time.Instant;

/** A story's TDD cycle moved; {@code from} is null when the cycle opened. */
public record TddTransition(String project, String storyId, TddState from, TddState to, Instant at) {
}
