package dev.workflowchat.state.machine;

/** The states of a project's workflow (workflow.md). */
public enum ProjectState {
    IDLE,
    BACKLOG_READY,
    SPRINT_PLANNED,
    SPRINT_ACTIVE,
    SPRINT_PAUSED,
    SPRINT_REVIEW,
    BLOCKED
}
