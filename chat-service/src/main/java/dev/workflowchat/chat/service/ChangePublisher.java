package dev.workflowchat.chat.service;

import dev.workflowchat.bus.Reconnect;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.metrics.ChatMetrics;
import dev.workflowchat.chat.messaging.RedisEvents;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.frame.ServerFrame;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Announces committed changes on {@code wfchat:out}, from where every replica (this one too)
 * pushes them to its clients and the bridge relays them; what concerns an agent also goes to
 * that agent's channel. Call only after the transaction that made the change has committed. The
 * write is already safe then, so a Redis failure is never reported as a failed write: each
 * announcement is tried a few times at once, and one that still fails (Redis away) waits in a
 * backlog, in order, with everything announced after it, until Redis answers again. Kept in
 * memory and bounded: if this replica stops meanwhile, or the backlog overflows, clients still
 * catch up with {@code resume}.
 */
@ApplicationScoped
public class ChangePublisher {

    private static final int ATTEMPTS = 3;
    static final Duration DRAIN_EVERY = Duration.ofSeconds(1);

    private final RedisEvents events;
    private final AnnouncementBacklog backlog;

    public ChangePublisher(RedisEvents events, ChatConfig config, ChatMetrics metrics) {
        this.events = events;
        this.backlog = new AnnouncementBacklog(config.redis().announceBacklog());
        metrics.announcementsWaiting(backlog::size);
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        vertx.setPeriodic(DRAIN_EVERY.toMillis(), ignored -> backlog.drain());
    }

    public void publish(RecordedChange change) {
        backlog.announce("change " + change.frame().seq(), () -> announce(change));
    }

    /**
     * Announces many committed changes in their order (e.g. a batch of agents' messages): one
     * pipelined round trip instead of one per change. None concerns an agent directly.
     */
    public void publishInOrder(List<RecordedChange> changes) {
        List<Envelope> announced = changes.stream().map(RecordedChange::event).toList();
        backlog.announce(changes.size() + " changes", () -> retried(events.publishOutInOrder(announced)));
    }

    /** Announces an event that is not a chat change (e.g. a decision), also to the agents it concerns. */
    public void publish(Envelope event, Set<String> agents) {
        backlog.announce(event.type() + " " + event.id(), () -> {
            Uni<Void> all = retried(events.publishOut(event));
            for (String agent : agents) {
                all = all.chain(() -> retried(events.publishToAgent(agent, event)));
            }
            return all;
        });
    }

    Uni<Void> announce(RecordedChange change) {
        Uni<Void> all = retried(events.publishOut(change.event()));
        if (change.frame() instanceof ServerFrame.MessageChanged created
                && EventTypes.MESSAGE_CREATED.equals(created.type())) {
            for (String agent : change.agents()) {
                all = all.chain(() -> retried(direct(agent, created)));
            }
        }
        return all;
    }

    private Uni<Void> direct(String agent, ServerFrame.MessageChanged created) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent", agent);
        data.put("message", created.message());
        Envelope event = Envelope.create(EventTypes.AGENT_DIRECT, "chat-service", created.seq(), data);
        return events.publishOut(event).chain(() -> events.publishToAgent(agent, event));
    }

    private static Uni<Void> retried(Uni<Void> publish) {
        return Reconnect.bounded(publish, "announcing a change").onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)).atMost(ATTEMPTS);
    }
}
