package dev.workflowchat.state.service;

import dev.workflowchat.state.machine.WorkflowMachine;
import dev.workflowchat.state.store.ProjectRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** One project as this service holds it: its workflow machine and its board of agent activity. */
public final class Project {

    /** What an agent last said it is doing. */
    public record Activity(String agent, String action, String status, String storyId, Instant at) {

        public boolean isActive() {
            return "started".equals(status) || "queued".equals(status);
        }
    }

    private final WorkflowMachine machine;
    private final Map<String, Activity> board = new LinkedHashMap<>();
    private final Map<String, Instant> cycleTimes = new HashMap<>();
    /** What PostgreSQL holds of this project; null while nothing is stored. */
    private ProjectRecord saved;
    /** Whether the project exists (created, stored, or the default one); an unknown name is not a project. */
    private boolean exists;
    private String description;
    private boolean archived;

    public Project(String name) {
        this.machine = new WorkflowMachine(name);
    }

    public WorkflowMachine machine() {
        return machine;
    }

    public Map<String, Activity> board() {
        return board;
    }

    /** When each story's TDD cycle last moved. */
    public Map<String, Instant> cycleTimes() {
        return cycleTimes;
    }

    /** The durable part of this project now. */
    public ProjectRecord record() {
        return ProjectRecord.of(machine, cycleTimes, description, archived);
    }

    public boolean exists() {
        return exists;
    }

    void exists(boolean exists) {
        this.exists = exists;
    }

    public String description() {
        return description;
    }

    void description(String description) {
        this.description = description;
    }

    public boolean archived() {
        return archived;
    }

    void archived(boolean archived) {
        this.archived = archived;
    }

    public ProjectRecord saved() {
        return saved;
    }

    public void saved(ProjectRecord record) {
        this.saved = record;
    }
}
