package dev.workflowchat.chat.service;

import dev.workflowchat.bus.Reconnect;
import dev.workflowchat.chat.messaging.RedisEvents;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.frame.ServerFrame;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Announces committed changes on {@code wfchat:out}, from where every replica (this one too)
 * pushes them to its clients; what concerns an agent also goes to that agent's channel.
 * Call only after the transaction that made the change has committed. The write is already
 * safe then, so a Redis hiccup is retried briefly and logged, never reported as a failed write:
 * clients catch up with resume.
 */
@ApplicationScoped
public class ChangePublisher {

    private static final int ATTEMPTS = 3;

    private final RedisEvents events;

    public ChangePublisher(RedisEvents events) {
        this.events = events;
    }

    public void publish(RecordedChange change) {
        announce(change).subscribe().with(
                ignored -> { },
                failure -> Log.warnf("could not announce change %d on Redis: %s", change.frame().seq(), failure.getMessage()));
    }

    /**
     * Announces many committed changes in their order (e.g. a batch of agents' messages): one
     * pipelined round trip instead of one per change. None concerns an agent directly.
     */
    public void publishInOrder(List<RecordedChange> changes) {
        List<Envelope> announced = changes.stream().map(RecordedChange::event).toList();
        retried(events.publishOutInOrder(announced)).subscribe().with(
                ignored -> { },
                failure -> Log.warnf("could not announce %d changes on Redis: %s", changes.size(), failure.getMessage()));
    }

    /** Announces an event that is not a chat change (e.g. a decision), also to the agents it concerns. */
    public void publish(Envelope event, Set<String> agents) {
        Uni<Void> all = retried(events.publishOut(event));
        for (String agent : agents) {
            all = all.chain(() -> retried(events.publishToAgent(agent, event)));
        }
        all.subscribe().with(
                ignored -> { },
                failure -> Log.warnf("could not announce %s %s on Redis: %s", event.type(), event.id(), failure.getMessage()));
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
