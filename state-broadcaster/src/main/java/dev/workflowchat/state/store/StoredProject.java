package dev.workflowchat.state.store;

import dev.workflowchat.state.machine.TddTransition;
import dev.workflowchat.state.machine.Transition;
import java.util.List;

/** A project as PostgreSQL holds it: its record, its most recent transitions and TDD moves, oldest first. */
public record StoredProject(ProjectRecord record, List<Transition> recent, List<TddTransition> tddLog) {
}
