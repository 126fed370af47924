package dev.workflowchat.state.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.event.InvalidEventException;
import dev.workflowchat.state.config.StateConfig;
import dev.workflowchat.state.machine.Outcome;
import dev.workflowchat.state.machine.TddTransition;
import dev.workflowchat.state.store.ProjectRecord;
import dev.workflowchat.state.store.WorkflowStore;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies commands, activity, TDD reports and signals to each project's machine; keeps what
 * they change in PostgreSQL (the record: {@link WorkflowStore}), then in Redis (the live
 * snapshot and streams: {@link StateCache}), and announces every change on {@code wfchat:state}.
 */
@jakarta.enterprise.context.ApplicationScoped
public class WorkflowService {

    public static final String SOURCE = "state-broadcaster";
    static final String CANNOT_SAVE = "The workflow service can't save right now; nothing was changed.";

    private final Projects projects;
    private final ProjectDirectory directory;
    private final WorkflowStore store;
    private final StateCache cache;
    private final StateConfig config;
    private final Lane lane = new Lane();


    public WorkflowService(Projects projects, ProjectDirectory directory, WorkflowStore store, StateCache cache,
                           StateConfig config) {
        this.projects = projects;
        this.directory = directory;
        this.store = store;
        this.cache = cache;
        this.config = config;
    }

    /**
     * Applies an event once per envelope id; returns false for a duplicate. Events are applied one
     * at a time (from pub/sub and the stream alike), so each snapshot written follows the last. An
     * event the machine fails on fails with {@link InvalidEventException}; a failure of Redis or
     * PostgreSQL as it is (but a person's command, which nobody will send again, is answered).
     */
    public Uni<Boolean> apply(InboundEvent event) {
        return lane.inTurn(() -> cache.applied(event.id())
                .chain(seen -> seen ? Uni.createFrom().item(false) : route(event)));
    }

    /**
     * To the project the event is about. A project must exist (made with {@code /project create},
     * or the default one) and not be archived: a command about another is answered why, an agent's
     * event dead-lettered (no project is made by a typo).
     */
    private Uni<Boolean> route(InboundEvent event) {
        if (ProjectCommands.isProjectCommand(event)) {
            InboundEvent.CommandInvoke invoke = (InboundEvent.CommandInvoke) event;
            if (ProjectCommands.reads(invoke)) {
                return directory.answer(invoke).chain(outcome -> answer(invoke, outcome));
            }
            if (invoke.source() != null && invoke.source().startsWith(ChannelNames.AGENT_SOURCE_PREFIX)) {
                // the chat-service lets only admins and approvers send these; an agent's own way in
                // (Redis, MCP's run_command) must not be a way around that, nor around a key's project
                return answer(invoke, Outcome.refused(ProjectCommands.AGENTS_MAY_NOT, ProjectCommands.USAGE));
            }
            var problem = ProjectCommands.problem(invoke, config.defaultProject());
            if (problem.isPresent()) {
                return answer(invoke, Outcome.refused(problem.get() + " Usage: " + ProjectCommands.USAGE, ProjectCommands.USAGE));
            }
            String target = ProjectCommands.target(invoke).orElseThrow();
            return projects.get(target).chain(project -> project.exists() || "create".equals(ProjectCommands.action(invoke))
                    ? applyTo(project, event)
                    : answer(invoke, Outcome.refused("No project " + target + ".", ProjectCommands.USAGE)));
        }
        String name = projectOf(event);
        return projects.get(name).chain(project -> {
            if (!project.exists()) {
                return refuse(event, "No project " + name + ". Create it with /project create " + name + ".");
            }
            if (project.archived()) {
                return refuse(event, "Project " + name + " is archived; it takes no more commands or events.");
            }
            return applyTo(project, event);
        });
    }

    /** A command answered without changing anything; false: nothing was applied. */
    private Uni<Boolean> answer(InboundEvent.CommandInvoke invoke, Outcome outcome) {
        return cache.announce(List.of(StateEnvelopes.result(invoke, outcome, null))).replaceWith(false);
    }

    private Uni<Boolean> refuse(InboundEvent event, String why) {
        if (event instanceof InboundEvent.CommandInvoke invoke) {
            return answer(invoke, Outcome.refused(why, "/project list"));
        }
        return Uni.createFrom().failure(new InvalidEventException(event.id(), why));
    }

    /**
     * Writes a project's snapshot where none is cached yet, and announces it, so that clients see
     * the present (IDLE, or what PostgreSQL holds) before the first command. Never overwrites one.
     */
    public Uni<Boolean> publishIfAbsent(String projectName) {
        return snapshot(projectName).chain(snapshot -> cache.putIfAbsent(projectName, snapshot));
    }

    /** The latest snapshot of a project, as every client sees it. */
    public Uni<ObjectNode> snapshot(String projectName) {
        return projects.get(projectName).map(project -> {
            synchronized (project) {
                return Snapshots.of(project);
            }
        });
    }

    private Uni<Boolean> applyTo(Project project, InboundEvent event) {
        Change change;
        try {
            change = change(project, event, Instant.now().truncatedTo(ChronoUnit.MILLIS));
            if (change.refusal() != null) {
                return refusedReport(project, (InboundEvent.TddReport) event, change.refusal());
            }
        } catch (RuntimeException e) {
            // A fault of ours: trying again would fail again and hold up every later event of its
            // stream, so it is refused (dead-lettered); the project is taken back from the record.
            projects.forget(project);
            Log.errorf(e, "%s could not be applied", event.id());
            return Uni.createFrom().failure(new InvalidEventException(event.id(), "internal error: " + e.getClass().getSimpleName()));
        }
        return record(event, project, change)
                .chain(fresh -> fresh
                        ? cache.save(event.id(), change.project(), change.snapshot(), change.transitions(), change.announcements())
                                .onFailure().invoke(failure -> Log.warnf("%s is recorded but Redis could not be updated (%s); "
                                        + "it will be applied again", event.id(), failure.getMessage()))
                                .chain(() -> cache.announce(change.published()))
                                .invoke(() -> Log.debugf("applied %s to %s", event.id(), change.project()))
                                .invoke(() -> projects.keep(project))
                                .replaceWith(true)
                        : alreadyRecorded(event, project))
                .onFailure().invoke(failure -> projects.forget(project))
                .onFailure(failure -> event instanceof InboundEvent.CommandInvoke && !(failure instanceof InvalidEventException))
                .recoverWithUni(failure -> {
                    Log.warnf("%s could not be saved (%s); the command is answered that nothing changed", event.id(),
                            failure.getMessage());
                    return cache.announce(List.of(StateEnvelopes.result((InboundEvent.CommandInvoke) event,
                            Outcome.refused(CANNOT_SAVE, "Try again in a moment."), null))).replaceWith(false);
                });
    }

    /**
     * Stores the change in PostgreSQL with the event's id when it changed anything durable; true
     * when stored (or nothing to store), false when the record holds this event's effect already.
     * (Redis marks an applied event first, see {@link #apply}: an event the record has but Redis
     * does not was applied half-way, never twice.)
     */
    private Uni<Boolean> record(InboundEvent event, Project project, Change change) {
        ProjectRecord after = change.record();
        if (after.equals(project.saved()) && change.transitions().isEmpty() && change.tddMoves().isEmpty()) {
            return Uni.createFrom().item(true);
        }
        return store.save(event.id(), project.saved(), after, change.transitions(), change.tddMoves())
                .invoke(stored -> {
                    if (stored) {
                        project.saved(after);
                    }
                });
    }

    /**
     * The record has this event already, yet Redis never marked it applied (it went away after
     * PostgreSQL kept the change): what memory just did twice is dropped, Redis gets the snapshot of
     * the record, and the event counts as applied now, its first attempt having stopped half-way.
     */
    private Uni<Boolean> alreadyRecorded(InboundEvent event, Project project) {
        Log.infof("%s is in the record already; Redis gets the record's snapshot", event.id());
        projects.forget(project);
        String name = project.machine().project();
        return snapshot(name).chain(snapshot -> cache.refresh(event.id(), name, snapshot)).replaceWith(true);
    }

    private Change change(Project project, InboundEvent event, Instant now) {
        synchronized (project) {
            Outcome outcome = outcomeOf(project, event, now);
            if (event instanceof InboundEvent.TddReport && !outcome.ok()) {
                return Change.refused(outcome.message());
            }
            Envelope activity = null;
            if (event instanceof InboundEvent.AgentActivity reported) {
                Project.Activity entry = new Project.Activity(reported.agent(), reported.action(), reported.status(),
                        reported.storyId(), now);
                project.board().put(reported.agent(), entry);
                activity = StateEnvelopes.activity(project, entry);
            }
            if (outcome != null) {
                outcome.tddTransitions().forEach(transition -> project.cycleTimes().put(transition.storyId(), transition.at()));
            }
            ObjectNode snapshot = Snapshots.of(project);
            List<Envelope> announcements = new ArrayList<>();
            if (outcome != null) {
                outcome.transitions().forEach(transition ->
                        announcements.add(Envelope.create(EventTypes.WORKFLOW_TRANSITION, SOURCE, null, Snapshots.transition(transition))));
                outcome.tddTransitions().forEach(transition ->
                        announcements.add(StateEnvelopes.tdd(transition)));
            }
            if (activity != null) {
                announcements.add(activity);
            }
            announcements.add(StateCache.snapshotEnvelope(snapshot));
            List<Envelope> published = new ArrayList<>(announcements);
            if (event instanceof InboundEvent.CommandInvoke invoke) {
                published.add(StateEnvelopes.result(invoke, outcome, snapshot));
            }
            return new Change(project.machine().project(), project.record(), snapshot,
                    outcome == null ? List.of() : outcome.transitions(), outcome == null ? List.of() : outcome.tddTransitions(),
                    announcements, published, null);
        }
    }

    /** What applying an event did: the record and snapshot after it, what to keep in Redis and what to publish. */
    private record Change(String project, ProjectRecord record, ObjectNode snapshot,
                          List<dev.workflowchat.state.machine.Transition> transitions, List<TddTransition> tddMoves,
                          List<Envelope> announcements, List<Envelope> published, String refusal) {

        /** An event the machine refused to apply: nothing changed. */
        static Change refused(String why) {
            return new Change(null, null, null, List.of(), List.of(), List.of(), List.of(), why);
        }
    }

    /**
     * A report the machine refused (an unknown phase, or evidence against it in strict mode): it is
     * dead-lettered with the reason, and the agent hears why on its own channel and stream.
     */
    private Uni<Boolean> refusedReport(Project project, InboundEvent.TddReport report, String reason) {
        String source = report.source();
        Uni<Void> told = Uni.createFrom().voidItem();
        if (source != null && source.startsWith(ChannelNames.AGENT_SOURCE_PREFIX)) {
            told = cache.tellAgent(source.substring(ChannelNames.AGENT_SOURCE_PREFIX.length()),
                    StateEnvelopes.tddRefused(project.machine().project(), report, reason));
        }
        return told.chain(() -> Uni.createFrom().failure(new InvalidEventException(report.id(), reason)));
    }

    /** What the machine says to a command, signal or report; null for activity, which only the board keeps. */
    private static Outcome outcomeOf(Project project, InboundEvent event, Instant now) {
        if (ProjectCommands.isProjectCommand(event)) {
            return ProjectCommands.apply(project, (InboundEvent.CommandInvoke) event);
        }
        if (event instanceof InboundEvent.CommandInvoke invoke) {
            return project.machine().command(invoke.command(), invoke.args(), invoke.user(), now);
        }
        if (event instanceof InboundEvent.WorkflowSignal signal) {
            return project.machine().signal(signal.signal(), now);
        }
        if (event instanceof InboundEvent.TddReport report) {
            return project.machine().tddReport(report.storyId(), report.to(), report.evidence(), report.source(), now);
        }
        if (event instanceof InboundEvent.StoriesAccepted accepted) {
            return project.machine().acceptStories(accepted.epic(), accepted.stories(), accepted.decidedBy(), now);
        }
        return null;
    }

    private String projectOf(InboundEvent event) {
        String project = null;
        if (event instanceof InboundEvent.CommandInvoke invoke) {
            project = invoke.project();
        } else if (event instanceof InboundEvent.AgentActivity activity) {
            project = activity.project();
        } else if (event instanceof InboundEvent.TddReport report) {
            project = report.project();
        } else if (event instanceof InboundEvent.WorkflowSignal signal) {
            project = signal.project();
        } else if (event instanceof InboundEvent.StoriesAccepted accepted) {
            project = accepted.project();
        }
        return project == null || project.isBlank() ? config.defaultProject() : project;
    }
}
