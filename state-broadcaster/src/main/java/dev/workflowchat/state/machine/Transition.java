package dev.workflowchat.state.machine;

import java.time.Instant;

/**
 * A change of a project's state, and what caused it (a command, or a signal); {@code note} is
 * what the command said along with it (a plan, a review summary), or null.
 */
public record Transition(String project, ProjectState from, ProjectState to, String command, String by, Instant at,
                         String note) {

    public Transition(String project, ProjectState from, ProjectState to, String command, String by, Instant at) {
        this(project, from, to, command, by, at, null);
    }
}
