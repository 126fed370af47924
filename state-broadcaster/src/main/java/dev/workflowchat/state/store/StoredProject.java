package dev.workflowchat.state.store;

import dev.workflowchat.state.machine.Transition;
import java.util.List;

/** A project as PostgreSQL holds it: its record and its most recent transitions, oldest first. */
public record StoredProject(ProjectRecord record, List<Transition> recent) {
}
