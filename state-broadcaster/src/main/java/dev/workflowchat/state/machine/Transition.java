package dev.workflowchat.state.machine;

import java.time.Instant;

/** A change of a project's state, and what caused it (a command, or a signal). */
public record Transition(String project, ProjectState from, ProjectState to, String command, String by, Instant at) {
}
