package dev.workflowchat.state.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.bus.Reconnect;
import dev.workflowchat.bus.StreamGroupReader;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.event.InvalidEventException;
import dev.workflowchat.state.config.StateConfig;
import dev.workflowchat.state.machine.Outcome;
import dev.workflowchat.state.machine.TddTransition;
import dev.workflowchat.state.machine.Transition;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.redis.datasource.stream.ReactiveTransactionalStreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.value.ReactiveTransactionalValueCommands;
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
    /** Announcements kept (approximately) on {@code wfchat:state:stream} for listeners to catch up from. */
    static final long ANNOUNCEMENTS_KEPT = 10_000;

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final ReactivePubSubCommands<String> pubsub;
    private final RedisNames names;
    private final StateConfig config;
    private final Map<String, Project> projects = new ConcurrentHashMap<>();
    private final Lane lane = new Lane();

    public WorkflowService(ReactiveRedisDataSource redis, RedisNames names, StateConfig config) {
        this.redis = redis;
        this.values = redis.value(String.class, String.class);
        this.keys = redis.key(String.class);
        this.pubsub = redis.pubsub(String.class);
        this.names = names;
        this.config = config;
    }

    /**
     * Applies an event once per envelope id; returns false for a duplicate. Events are applied one
     * at a time (from pub/sub and the stream alike), so each snapshot written follows the last. An
     * event the machine fails on fails with {@link InvalidEventException}; a failure of Redis as it is.
     */
    public Uni<Boolean> apply(InboundEvent event) {
        return lane.inTurn(() -> Reconnect.bounded(keys.exists(processedKey(event.id())), "EXISTS processed")
                .chain(seen -> seen ? Uni.createFrom().item(false)
                        : project(projectOf(event)).chain(project -> applyTo(project, event)).replaceWith(true)));
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
        try {
            return change(project, event, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        } catch (RuntimeException e) {
            // A fault of ours, not of Redis: trying again would fail again and hold up every later
            // event of its stream, so it is refused (dead-lettered); the project is taken back from Redis.
            projects.remove(project.machine().project(), project);
            Log.errorf(e, "%s could not be applied", event.id());
            return Uni.createFrom().failure(new InvalidEventException(event.id(),
                    "internal error: " + e.getClass().getSimpleName()));
        }
    }

    private Uni<Void> change(Project project, InboundEvent event, Instant now) {
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
        String projectName = project.machine().project();
        List<Envelope> published = new ArrayList<>(announcements);
        if (event instanceof InboundEvent.CommandInvoke invoke) {
            published.add(result(invoke, outcome, snapshot));
        }
        return save(event.id(), projectName, snapshot, outcome == null ? List.of() : outcome.transitions(), announcements)
                .onFailure().invoke(failure -> {
                    // Redis may or may not have the change: take the project back from what it holds
                    projects.remove(projectName, project);
                    Log.warnf("%s could not be saved (%s); it will be applied again", event.id(), failure.getMessage());
                })
                .chain(() -> announce(published))
                .invoke(() -> Log.debugf("applied %s to %s", event.id(), projectName));
    }

    /**
     * Everything the event changed, in one MULTI/EXEC: its id (so it is applied once), the
     * snapshot, the transitions and the announcements on {@code wfchat:state:stream}, where a
     * listener that lost its subscription finds what it missed. All of it or none of it is kept.
     */
    private Uni<Void> save(String eventId, String projectName, ObjectNode snapshot, List<Transition> transitions,
                           List<Envelope> announcements) {
        XAddArgs transitionsCapped = new XAddArgs().maxlen(config.redis().transitionsMaxLength()).nearlyExactTrimming();
        XAddArgs announcementsCapped = new XAddArgs().maxlen(ANNOUNCEMENTS_KEPT).nearlyExactTrimming();
        return Reconnect.bounded(redis.withTransaction(tx -> {
                    ReactiveTransactionalValueCommands<String, String> txValues = tx.value(String.class, String.class);
                    ReactiveTransactionalStreamCommands<String, String, String> txStreams =
                            tx.stream(String.class, String.class, String.class);
                    Uni<Void> queued = txValues.set(processedKey(eventId), "1", new SetArgs().ex(REMEMBER_IDS))
                            .chain(() -> txValues.set(names.stateSnapshot(projectName), snapshot.toString()));
                    for (Transition transition : transitions) {
                        queued = queued.chain(() -> txStreams.xadd(transitionsKey(projectName), transitionsCapped,
                                Map.of(StreamGroupReader.EVENT_FIELD, Snapshots.transition(transition).toString())));
                    }
                    for (Envelope announcement : announcements) {
                        queued = queued.chain(() -> txStreams.xadd(names.stateStream(), announcementsCapped,
                                Map.of(StreamGroupReader.EVENT_FIELD, announcement.toJson())));
                    }
                    return queued;
                }), "MULTI saving " + eventId)
                .invoke(result -> {
                    if (result.discarded() || result.hasErrors()) {
                        throw new IllegalStateException("Redis refused the transaction saving " + eventId);
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Publishes what is saved already. A publish Redis missed is not retried: whoever lost its
     * subscription meanwhile reads the announcements back from {@code wfchat:state:stream}.
     */
    private Uni<Void> announce(List<Envelope> published) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Envelope envelope : published) {
            String channel = EventTypes.COMMAND_RESULT.equals(envelope.type()) ? names.in() : names.state();
            done = done.chain(() -> Reconnect.bounded(pubsub.publish(channel, envelope.toJson()), "PUBLISH " + channel));
        }
        return done.onFailure().recoverWithUni(failure -> {
            Log.warnf("announcing on Redis failed after the change was saved (%s); listeners catch up from %s",
                    failure.getMessage(), names.stateStream());
            return Uni.createFrom().voidItem();
        });
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

    private String processedKey(String eventId) {
        return names.prefix() + ":state:processed:" + eventId;
    }

    private String transitionsKey(String project) {
        return names.prefix() + ":state:transitions:" + project;
    }
}
