package dev.workflowchat.chat.announce;

import dev.workflowchat.bus.Reconnect;
import dev.workflowchat.chat.announce.Announcement.Step;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.metrics.ChatMetrics;
import dev.workflowchat.chat.repository.PlausibleSeqs;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.frame.ServerFrame;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Announces committed changes on {@code wfchat:out}, from where every replica (this one too)
 * pushes them to its clients and the bridge relays them; what concerns an agent also goes to
 * that agent's channel. Call only after the transaction that made the change has committed. The
 * write is already safe then, so a Redis failure is never reported as a failed write: each
 * announcement is tried a few times at once, and one that still fails (Redis away) waits in a
 * backlog, in order, with everything announced after it, until Redis answers again. The backlog
 * is in memory and bounded; when the replica stops, what still waits is kept in PostgreSQL
 * ({@link KeptAnnouncements}) and made by the next replica that reaches Redis. Clients catch up
 * with {@code resume} whatever happens; this is for the bridge and the agents.
 */
@ApplicationScoped
public class ChangePublisher {

    private static final int ATTEMPTS = 3;
    static final Duration DRAIN_EVERY = Duration.ofSeconds(1);
    /** At shutdown, how long announcements being tried may take to be answered before they are kept. */
    private static final Duration SETTLE_AT_SHUTDOWN = Duration.ofSeconds(6);

    private final RedisEvents events;
    private final PlausibleSeqs seqs;
    private final KeptAnnouncements kept;
    private final AnnouncementBacklog backlog;
    /** Told of each change once, on this (the committing) replica only: what must happen once per change (a push) observes it. */
    private final Event<RecordedChange> committed;
    private final Duration keptCheckEvery;
    private final AtomicBoolean makingKept = new AtomicBoolean();
    /** Whether the last try to make the kept announcements failed: warned once per run of failures. */
    private volatile boolean keptFailing;

    public ChangePublisher(RedisEvents events, KeptAnnouncements kept, PlausibleSeqs seqs, ChatConfig config,
                           ChatMetrics metrics, Event<RecordedChange> committed) {
        this.events = events;
        this.committed = committed;
        this.seqs = seqs;
        this.kept = kept;
        this.backlog = new AnnouncementBacklog(config.redis().announceBacklog(), this::make);
        this.keptCheckEvery = config.redis().keptCheckEvery();
        metrics.announcementsWaiting(backlog::size);
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        vertx.setPeriodic(DRAIN_EVERY.toMillis(), ignored -> backlog.drain());
        vertx.setPeriodic(1, keptCheckEvery.toMillis(), ignored -> makeKept());
    }

    /** Keeps what Redis has not taken yet for another replica, rather than lose it with this one. */
    void stop(@Observes ShutdownEvent event) {
        List<Announcement> unsent;
        try {
            unsent = backlog.close(SETTLE_AT_SHUTDOWN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (unsent.isEmpty()) {
            return;
        }
        try {
            kept.keep(unsent).await().atMost(SETTLE_AT_SHUTDOWN);
            Log.infof("kept %d announcements Redis has not taken, for the next replica that reaches it", unsent.size());
        } catch (RuntimeException e) {
            Log.errorf("lost %d announcements Redis has not taken: could not keep them (%s); clients still catch up with resume",
                    unsent.size(), e.getMessage());
        }
    }

    public void publish(RecordedChange change) {
        publishInOrder(List.of(change));
    }

    /**
     * Announces committed changes in their order (a batch of agents' messages, a group of people's
     * sends): one pipelined round trip instead of one per change. A new message also goes to the
     * agents it concerns, as {@code agent.direct}.
     */
    public void publishInOrder(List<RecordedChange> changes) {
        List<Step> steps = new ArrayList<>();
        for (RecordedChange change : changes) {
            seqs.committed(change.frame().seq());
            steps.add(Step.out(change.event()));
            if (change.frame() instanceof ServerFrame.MessageChanged created
                    && EventTypes.MESSAGE_CREATED.equals(created.type())) {
                for (String agent : change.agents()) {
                    Envelope direct = direct(agent, created);
                    steps.add(Step.out(direct));
                    steps.add(Step.toAgent(agent, direct));
                }
            }
        }
        String what = changes.size() == 1 ? "change " + changes.get(0).frame().seq() : changes.size() + " changes";
        backlog.announce(new Announcement(what, steps));
        changes.forEach(committed::fire);
    }

    /** Announces an event that is not a chat change (e.g. a decision), also to the agents it concerns. */
    public void publish(Envelope event, Set<String> agents) {
        List<Step> steps = new ArrayList<>();
        steps.add(Step.out(event));
        agents.forEach(agent -> steps.add(Step.toAgent(agent, event)));
        backlog.announce(new Announcement(event.type() + " " + event.id(), steps));
    }

    /** Sends an announcement's steps in order: each run of events on wfchat:out pipelined, each retried. */
    Uni<Void> make(Announcement announcement) {
        Uni<Void> all = Uni.createFrom().voidItem();
        List<Envelope> out = new ArrayList<>();
        for (Step step : announcement.steps()) {
            if (step.agent() == null) {
                out.add(step.event());
                continue;
            }
            List<Envelope> before = List.copyOf(out);
            out.clear();
            all = all.chain(() -> sendOut(before)).chain(() -> retried(events.publishToAgent(step.agent(), step.event())));
        }
        List<Envelope> rest = List.copyOf(out);
        return all.chain(() -> sendOut(rest));
    }

    private Uni<Void> sendOut(List<Envelope> out) {
        return switch (out.size()) {
            case 0 -> Uni.createFrom().voidItem();
            case 1 -> retried(events.publishOut(out.get(0)));
            default -> retried(events.publishOutInOrder(out));
        };
    }

    private void makeKept() {
        if (!makingKept.compareAndSet(false, true)) {
            return;
        }
        kept.makeAll(this::make).subscribe().with(made -> {
            makingKept.set(false);
            if (made > 0) {
                Log.infof("made %d announcements kept by a replica that stopped while Redis was away", made);
            }
            keptFailing = false;
        }, failure -> {
            makingKept.set(false);
            if (!keptFailing) {
                keptFailing = true;
                Log.warnf("announcements kept by a stopped replica wait (%s); tried again every %s",
                        failure.getMessage(), keptCheckEvery);
            }
        });
    }

    private static Envelope direct(String agent, ServerFrame.MessageChanged created) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent", agent);
        data.put("message", created.message());
        return Envelope.create(EventTypes.AGENT_DIRECT, "chat-service", created.seq(), data);
    }

    private static Uni<Void> retried(Uni<Void> publish) {
        return Reconnect.bounded(publish, "announcing a change").onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)).atMost(ATTEMPTS);
    }
}
