package dev.workflowchat.state.service;

import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.state.config.StateConfig;
import dev.workflowchat.state.machine.Outcome;
import dev.workflowchat.state.machine.Sprint;
import dev.workflowchat.state.machine.Story;
import dev.workflowchat.state.machine.StoryStatus;
import dev.workflowchat.state.machine.WorkflowMachine;
import dev.workflowchat.state.store.WorkflowStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Answers the commands that read about projects: {@code /project list}, {@code /project show [name]}, {@code /projects}. */
@ApplicationScoped
public class ProjectDirectory {

    private final Projects projects;
    private final WorkflowStore store;
    private final StateConfig config;

    public ProjectDirectory(Projects projects, WorkflowStore store, StateConfig config) {
        this.projects = projects;
        this.store = store;
        this.config = config;
    }

    Uni<Outcome> answer(InboundEvent.CommandInvoke invoke) {
        String action = ProjectCommands.action(invoke);
        if ("/projects".equals(invoke.command()) || "list".equals(action) && invoke.args().size() == 1) {
            boolean overview = "/projects".equals(invoke.command());
            return all().map(list -> Outcome.answered(list.isEmpty() ? "No projects." : list.stream()
                    .map(project -> overview ? overviewLine(project, invoke) : listLine(project))
                    .collect(Collectors.joining("\n", overview ? "**Projects**\n" : "**Projects**\n", ""))));
        }
        if ("show".equals(action) && invoke.args().size() <= 2) {
            String name = invoke.args().size() == 2 ? invoke.args().get(1) : projectOf(invoke);
            return projects.get(name).map(project -> project.exists()
                    ? Outcome.answered(shown(project, invoke))
                    : Outcome.refused("No project " + name + ".", ProjectCommands.USAGE));
        }
        return Uni.createFrom().item(Outcome.refused(
                (action.isEmpty() ? "Say what to do with projects." : "Unknown project action: " + action)
                        + " Usage: " + ProjectCommands.USAGE, ProjectCommands.USAGE));
    }

    private Uni<List<Project>> all() {
        return store.projectNames().chain(names -> {
            Set<String> every = new LinkedHashSet<>();
            every.add(config.defaultProject());
            every.addAll(names);
            return Multi.createFrom().iterable(every).onItem().transformToUniAndConcatenate(projects::get)
                    .filter(Project::exists).collect().asList();
        });
    }

    private static String listLine(Project project) {
        return "- **" + project.machine().project() + "** · " + project.machine().state()
                + (project.archived() ? " · archived" : "")
                + (project.description() == null ? "" : " · " + project.description());
    }

    /** One line of {@code /projects}: state, sprint and its progress, open TDD cycles, pending approvals, agents at work. */
    private static String overviewLine(Project project, InboundEvent.CommandInvoke invoke) {
        WorkflowMachine machine = project.machine();
        String name = machine.project();
        StringBuilder line = new StringBuilder("- **" + name + "** · " + machine.state());
        if (project.archived()) {
            return line.append(" · archived").toString();
        }
        Optional<Sprint> sprint = machine.sprints().current();
        sprint.ifPresent(current -> line.append(" · sprint ").append(current.number()).append(": ")
                .append(donePoints(machine, current)).append(" of ").append(current.plannedPoints()).append(" points")
                .append(current.startedAt() == null ? "" : ", day " + Math.min(current.day(Instant.now()), current.days())
                        + " of " + current.days()));
        line.append(" · open TDD cycles: ").append(machine.tdd().open().size());
        line.append(" · pending approvals: ").append(invoke.pendingApprovals().getOrDefault(name, 0L));
        List<String> working = project.board().values().stream().filter(Project.Activity::isActive)
                .map(Project.Activity::agent).toList();
        line.append(" · agents at work: ").append(working.isEmpty() ? "none" : String.join(", ", working));
        return line.toString();
    }

    private static String shown(Project project, InboundEvent.CommandInvoke invoke) {
        WorkflowMachine machine = project.machine();
        return "**" + machine.project() + "**" + (project.archived() ? " (archived)" : "")
                + (project.description() == null ? "" : "\n" + project.description())
                + "\nState " + machine.state() + " · mode " + machine.mode()
                + " · " + machine.items().epics().size() + " epics · " + machine.items().backlog().size() + " open stories"
                + "\n" + overviewLine(project, invoke).substring(2);
    }

    private static int donePoints(WorkflowMachine machine, Sprint sprint) {
        return sprint.storyIds().stream().map(machine.items()::story).flatMap(Optional::stream)
                .filter(story -> story.status() == StoryStatus.REVIEW || story.status() == StoryStatus.DONE)
                .map(Story::points).mapToInt(points -> points == null ? 0 : points).sum();
    }

    private String projectOf(InboundEvent.CommandInvoke invoke) {
        return invoke.project() == null || invoke.project().isBlank() ? config.defaultProject() : invoke.project();
    }
}
