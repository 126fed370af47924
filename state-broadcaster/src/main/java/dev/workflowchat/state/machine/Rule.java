package dev.workflowchat.state.machine;

import java.util.EnumSet;
import java.util.Set;

/** A command, the states it is allowed in, and the state it leads to ({@code null}: it changes no state). */
public record Rule(String command, String usage, String description, Set<ProjectState> allowedIn, ProjectState to) {

    public boolean allowedIn(ProjectState state) {
        return allowedIn.contains(state);
    }

    static Rule moves(String command, String usage, String description, ProjectState to, ProjectState first,
                      ProjectState... more) {
        return new Rule(command, usage, description, EnumSet.of(first, more), to);
    }

    static Rule stays(String command, String usage, String description, Set<ProjectState> allowedIn) {
        return new Rule(command, usage, description, allowedIn, null);
    }
}
