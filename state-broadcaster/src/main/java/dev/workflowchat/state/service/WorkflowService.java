package dev.workflowchat.state.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.state.config.StateConfig;
import dev.workflowchat.state.machine.Outcome;
import dev.workflowchat.state.machine.TddTransition;
import dev.workflowchat.state.machine.Transition;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies commands, activity, TDD reports and signals to each project's machine, keeps the
 * present in Redis ({@code wfchat:state:snapshot:<project>} and a stream of transitions, so a
 * restart continues where it was) and announces every change on {@code wfchat:state}.
 */
@ApplicationScoped
public class WorkflowService {

    public static final String SOURCE = "state-broadcaster";
    private static final Duration REMEMBER_IDS = Duration.ofDays(1);

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final ReactivePubSubCommands<String> pubsub;
    private final RedisNames names;
    private final StateConfig config;
    private final Map<String, Project> projects = new ConcurrentHashMap<>();

    public WorkflowService(ReactiveRedisDataSource redis, RedisNames names, StateConfig config) {
        this.values = redis.value(String.class, String.class);
        this.streams = redis.stream(String.class, String.class, String.class);
        this.pubsub = redis.pubsub(String.class);
        this.names = names;
        this.config = config;
    }

    /** Applies an event once per envelope id; returns false for a duplicate. */
    public Uni<Boolean> apply(InboundEvent event) {
        return values.setAndChanged(names.prefix() + ":state:processed:" + event.id(), "1",
                        new SetArgs().nx().ex(REMEMBER_IDS))
                .chain(first -> first ? project(projectOf(event)).chain(project -> applyTo(project, event)).replaceWith(true)
                        : Uni.createFrom().item(false));
    }

    void announceDefaultProject(@Observes StartupEvent event) {
        publishIfAbsent(config.defaultProject())
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5)).atMost(20)
                .subscribe().with(
                        written -> Log.debugf("initial snapshot written: %s", written),
                        failure -> Log.warnf("the initial snapshot could not be written: %s", failure.getMessage()));
    }

    /**
     * Writes a project's snapshot where none is yet, and announces it, so that clients see the
     * present (IDLE) before the first command instead of nothing. Never overwrites a snapshot.
     */
    public Uni<Boolean> publishIfAbsent(String projectName) {
        return snapshot(projectName).chain(snapshot -> values.setnx(names.stateSnapshot(projectName), snapshot.toString())
                .call(written -> written
                        ? pubsub.publish(names.state(), Envelope.create(EventTypes.WORKFLOW_SNAPSHOT, SOURCE, null, snapshot).toJson())
                        : Uni.createFrom().voidItem()));
    }

    /** The latest snapshot of a project, as every client sees it. */
    public Uni<ObjectNode> snapshot(String projectName) {
        return project(projectName).map(project -> {
            synchronized (project) {
                return Snapshots.of(project);
            }
        });
    }

    private Uni<Void> applyTo(Project project, InboundEvent event) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Outcome outcome;
        ObjectNode snapshot;
        Envelope activity = null;
        synchronized (project) {
            outcome = outcomeOf(project, event, now);
            if (event instanceof InboundEvent.AgentActivity reported) {
                Project.Activity entry = new Project.Activity(reported.agent(), reported.action(), reported.status(),
                        reported.storyId(), now);
                project.board().put(reported.agent(), entry);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("project", project.machine().project());
                data.put("agent", entry.agent());
                data.put("action", entry.action());
                data.put("status", entry.status());
                data.put("story_id", entry.storyId());
                data.put("at", entry.at());
                activity = Envelope.create(EventTypes.AGENT_ACTIVITY, SOURCE, null, data);
            }
            snapshot = Snapshots.of(project);
        }
        List<Envelope> announcements = new ArrayList<>();
        if (outcome != null) {
            outcome.transitions().forEach(transition ->
                    announcements.add(Envelope.create(EventTypes.WORKFLOW_TRANSITION, SOURCE, null, Snapshots.transition(transition))));
            outcome.tddTransitions().forEach(transition ->
                    announcements.add(Envelope.create(EventTypes.TDD_TRANSITION, SOURCE, null, tdd(transition))));
        }
        if (activity != null) {
            announcements.add(activity);
        }
        announcements.add(Envelope.create(EventTypes.WORKFLOW_SNAPSHOT, SOURCE, null, snapshot));
        Uni<Void> done = save(project.machine().project(), snapshot, outcome == null ? List.of() : outcome.transitions());
        for (Envelope announcement : announcements) {
            done = done.chain(() -> pubsub.publish(names.state(), announcement.toJson()));
        }
        if (event instanceof InboundEvent.CommandInvoke invoke) {
            done = done.chain(() -> pubsub.publish(names.in(), result(invoke, outcome, snapshot).toJson()));
        }
        return done.invoke(() -> Log.debugf("applied %s to %s", event.id(), project.machine().project()));
    }

    private Uni<Void> save(String projectName, ObjectNode snapshot, List<Transition> transitions) {
        Uni<Void> saved = values.set(names.stateSnapshot(projectName), snapshot.toString());
        for (Transition transition : transitions) {
            saved = saved.chain(() -> streams.xadd(transitionsKey(projectName),
                    new XAddArgs().maxlen(config.redis().transitionsMaxLength()).nearlyExactTrimming(),
                    Map.of("event", Snapshots.transition(transition).toString())).replaceWithVoid());
        }
        return saved;
    }

    private Uni<Project> project(String name) {
        Project known = projects.get(name);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return values.get(names.stateSnapshot(name)).map(json -> projects.computeIfAbsent(name, ignored -> {
            if (json == null) {
                return new Project(name);
            }
            try {
                Log.infof("project %s continues from its snapshot", name);
                return Snapshots.restore(name, ProtocolJson.mapper().readTree(json));
            } catch (Exception e) {
                Log.warnf("the snapshot of %s is unreadable (%s); starting it afresh", name, e.getMessage());
                return new Project(name);
            }
        }));
    }

    private Envelope result(InboundEvent.CommandInvoke invoke, Outcome outcome, ObjectNode snapshot) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("correlation_id", invoke.correlationId());
        data.put("ok", outcome.ok());
        data.put("message", outcome.message());
        data.put("hint", outcome.hint());
        data.put("state", snapshot.path("state").asText());
        data.put("allowed_commands", snapshot.path("allowed_commands"));
        return Envelope.create(EventTypes.COMMAND_RESULT, SOURCE, null, data);
    }

    private static Map<String, Object> tdd(TddTransition transition) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("project", transition.project());
        data.put("story_id", transition.storyId());
        data.put("from", transition.from() == null ? null : transition.from().name());
        data.put("to", transition.to().name());
        data.put("at", transition.at());
        return data;
    }

    /** What the machine says to a command, signal or report; null for activity, which only the board keeps. */
    private static Outcome outcomeOf(Project project, InboundEvent event, Instant now) {
        if (event instanceof InboundEvent.CommandInvoke invoke) {
            return project.machine().command(invoke.command(), invoke.args(), invoke.user(), now);
        }
        if (event instanceof InboundEvent.WorkflowSignal signal) {
            return project.machine().signal(signal.signal(), now);
        }
        if (event instanceof InboundEvent.TddReport report) {
            return project.machine().tddReport(report.storyId(), report.to(), now);
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
        }
        return project == null || project.isBlank() ? config.defaultProject() : project;
    }

    private String transitionsKey(String project) {
        return names.prefix() + ":state:transitions:" + project;
    }
}
