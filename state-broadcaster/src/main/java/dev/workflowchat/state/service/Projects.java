package dev.workflowchat.state.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.state.config.StateConfig;
import dev.workflowchat.state.machine.WorkflowMachine;
import dev.workflowchat.state.store.LeaderFence;
import dev.workflowchat.state.store.StoredProject;
import dev.workflowchat.state.store.WorkflowStore;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The projects this replica holds in memory (only those that exist: a name nobody made is not
 * kept, however often it is used), each loaded once from PostgreSQL's record (its
 * board of agent activity, which is live and not kept there, from the cached snapshot). A
 * project PostgreSQL doesn't know but Redis has a snapshot of (a deployment from before the
 * record) is taken from the snapshot and stored with its next change.
 */
@ApplicationScoped
public class Projects {

    private final Map<String, Project> known = new ConcurrentHashMap<>();
    private final WorkflowStore store;
    private final StateCache cache;
    private final String defaultProject;
    private final LeaderFence fence;

    public Projects(WorkflowStore store, StateCache cache, StateConfig config, LeaderFence fence) {
        this.store = store;
        this.cache = cache;
        this.defaultProject = config.defaultProject();
        this.fence = fence;
    }

    Uni<Project> get(String name) {
        Project held = known.get(name);
        if (held != null) {
            return Uni.createFrom().item(held);
        }
        return store.load(name, WorkflowMachine.HISTORY)
                .chain(loaded -> cache.snapshot(name).onFailure().recoverWithNull().map(json -> build(name, loaded, json)))
                // a standby holds nothing: the leader changes the record meanwhile
                .map(project -> project.exists() && fence.token() != 0 ? known.computeIfAbsent(name, ignored -> project)
                        : project);
    }

    /** Holds a project that just came to exist (one not held is loaded again on its next use). */
    void keep(Project project) {
        if (project.exists()) {
            known.putIfAbsent(project.machine().project(), project);
        }
    }

    /** Drops what memory holds of every project (taking the lead: a standby's memory may be behind). */
    void forgetAll() {
        known.clear();
    }

    /** Drops what memory holds of a project (after a failure: it may be ahead of the record); the next use loads it. */
    void forget(Project project) {
        known.remove(project.machine().project(), project);
    }

    private Project build(String name, Optional<StoredProject> loaded, String cached) {
        JsonNode snapshot = parse(name, cached);
        if (loaded.isPresent()) {
            Project project = new Project(name);
            loaded.get().record().restoreInto(project.machine(), loaded.get().recent(), loaded.get().tddLog());
            loaded.get().record().cycles().forEach((story, cycle) -> project.cycleTimes().put(story, cycle.updatedAt()));
            project.saved(loaded.get().record());
            project.exists(true);
            project.description(loaded.get().record().description());
            project.archived(loaded.get().record().archived());
            if (snapshot != null) {
                Snapshots.restoreBoard(project, snapshot);
            }
            return project;
        }
        if (snapshot != null) {
            Log.infof("project %s is not in the record yet; it continues from its cached snapshot", name);
            Project project = Snapshots.restore(name, snapshot);
            project.exists(true);
            return project;
        }
        Project project = new Project(name);
        project.exists(name.equals(defaultProject));
        return project;
    }

    private static JsonNode parse(String name, String json) {
        if (json == null) {
            return null;
        }
        try {
            return ProtocolJson.mapper().readTree(json);
        } catch (Exception e) {
            Log.warnf("the cached snapshot of %s is unreadable (%s); it is ignored", name, e.getMessage());
            return null;
        }
    }
}
