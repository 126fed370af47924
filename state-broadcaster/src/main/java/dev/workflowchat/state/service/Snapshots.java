package dev.workflowchat.state.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.state.machine.ProjectState;
import dev.workflowchat.state.machine.TddState;
import dev.workflowchat.state.machine.TddTransition;
import dev.workflowchat.state.machine.Transition;
import dev.workflowchat.state.machine.WorkflowMachine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A project as JSON: the {@code workflow.snapshot} every client reads (protocol section 4), and
 * everything needed to bring the project back after a restart.
 */
public final class Snapshots {

    static final int MOVES_SHOWN = 5;

    private Snapshots() {
    }

    public static ObjectNode of(Project project) {
        WorkflowMachine machine = project.machine();
        ObjectNode snapshot = ProtocolJson.mapper().createObjectNode();
        snapshot.put("project", machine.project());
        snapshot.put("state", machine.state().name());
        snapshot.put("mode", machine.mode());
        snapshot.put("description", project.description());
        snapshot.put("archived", project.archived());
        ObjectNode cycles = snapshot.putObject("tdd_cycles");
        machine.cycles().forEach((story, state) -> cycles.put(story, state.name()));
        ArrayNode active = snapshot.putArray("active_agents");
        project.board().values().stream().filter(Project.Activity::isActive)
                .forEach(activity -> active.add(ProtocolJson.mapper().valueToTree(activity)));
        ObjectNode pending = snapshot.putObject("pending");
        pending.put("open_tdd_cycles", machine.cycles().values().stream().filter(TddState::isOpen).count());
        pending.put("backlog", machine.items().backlog().size());
        ArrayNode history = snapshot.putArray("history");
        machine.history().forEach(transition -> history.add(transition(transition)));
        ArrayNode allowed = snapshot.putArray("allowed_commands");
        machine.allowedCommands().forEach(allowed::add);
        snapshot.put("ci_failures_in_a_row", machine.ciFailuresInARow());
        // version 1 readers know epics and the backlog as lists of titles; "work" has them whole
        ArrayNode epics = snapshot.putArray("epics");
        machine.items().epics().stream().filter(epic -> !epic.closed()).forEach(epic -> epics.add(epic.title()));
        ArrayNode backlog = snapshot.putArray("backlog");
        machine.items().backlog().forEach(story -> backlog.add(story.title()));
        snapshot.set("work", WorkItemsJson.of(machine.items()));
        snapshot.set("sprint", machine.sprints().current().map(WorkItemsJson::sprint).orElse(null));
        ArrayNode board = snapshot.putArray("agents");
        project.board().values().forEach(activity -> board.add(ProtocolJson.mapper().valueToTree(activity)));
        snapshot.set("tdd_moves", tddMoves(machine));
        return snapshot;
    }

    /**
     * The last moves, with their evidence, of the cycles a board shows: every open cycle and every
     * story of the current sprint. Bounded so the snapshot, sent after every change, stays small;
     * {@code /tdd logs} has the rest.
     */
    static ObjectNode tddMoves(WorkflowMachine machine) {
        Set<String> shown = new LinkedHashSet<>(machine.tdd().open());
        machine.sprints().current().ifPresent(sprint -> shown.addAll(sprint.storyIds()));
        ObjectNode moves = ProtocolJson.mapper().createObjectNode();
        for (String story : shown) {
            List<TddTransition> log = machine.tdd().log(story);
            if (!log.isEmpty()) {
                ArrayNode kept = moves.putArray(story);
                log.subList(Math.max(0, log.size() - MOVES_SHOWN), log.size())
                        .forEach(move -> kept.add(ProtocolJson.mapper().valueToTree(StateEnvelopes.tddMove(move))));
            }
        }
        return moves;
    }

    public static ObjectNode transition(Transition transition) {
        ObjectNode node = ProtocolJson.mapper().createObjectNode();
        node.put("project", transition.project());
        node.put("from", transition.from().name());
        node.put("to", transition.to().name());
        node.put("command", transition.command());
        node.put("by", transition.by());
        node.put("at", transition.at().toString());
        if (transition.note() != null) {
            node.put("note", transition.note());
        }
        return node;
    }

    /** Brings a project back from a snapshot this class wrote. */
    public static Project restore(String name, JsonNode snapshot) {
        Project project = new Project(name);
        Map<String, TddState> cycles = new LinkedHashMap<>();
        snapshot.path("tdd_cycles").fields().forEachRemaining(cycle ->
                cycles.put(cycle.getKey(), TddState.valueOf(cycle.getValue().asText())));
        List<Transition> history = new ArrayList<>();
        for (JsonNode node : snapshot.path("history")) {
            history.add(new Transition(name, ProjectState.valueOf(node.path("from").asText()),
                    ProjectState.valueOf(node.path("to").asText()), node.path("command").asText(),
                    node.path("by").asText(), Instant.parse(node.path("at").asText()),
                    node.path("note").isTextual() ? node.path("note").asText() : null));
        }
        project.machine().restore(ProjectState.valueOf(snapshot.path("state").asText("IDLE")),
                snapshot.path("mode").asText("strict"), snapshot.path("ci_failures_in_a_row").asInt(0), cycles, history);
        WorkItemsJson.restore(project.machine().items(), snapshot);
        restoreBoard(project, snapshot);
        return project;
    }

    /** The board of agent activity a snapshot shows. */
    static void restoreBoard(Project project, JsonNode snapshot) {
        for (JsonNode node : snapshot.path("agents")) {
            Project.Activity activity = ProtocolJson.mapper().convertValue(node, Project.Activity.class);
            project.board().put(activity.agent(), activity);
        }
    }
}
