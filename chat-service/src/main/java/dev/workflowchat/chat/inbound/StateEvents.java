package dev.workflowchat.chat.inbound;

import dev.workflowchat.bus.ResilientSubscriber;
import dev.workflowchat.bus.StreamTwin;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.InvalidEventException;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.List;

/**
 * The one subscription to what the state-broadcaster announces on {@code wfchat:state}: each
 * envelope is read once and handed to every {@link Handler} (the browsers' state frames, the
 * transitions posted in the chat). After a lost subscription (a Redis restart) what was announced
 * meanwhile is read back from {@code wfchat:state:stream}. A handler that fails does not keep the
 * event from the others.
 */
@ApplicationScoped
public class StateEvents {

    /** What one feature does with an event of the workflow. */
    public interface Handler {
        Uni<Void> handle(Envelope event);
    }

    private final ReactiveRedisDataSource redis;
    private final EventParser parser;
    private final RedisNames names;
    private final List<Handler> handlers;
    private Cancellable subscription;

    public StateEvents(ReactiveRedisDataSource redis, EventParser parser, RedisNames names, Instance<Handler> handlers) {
        this.redis = redis;
        this.parser = parser;
        this.names = names;
        this.handlers = handlers.stream().toList();
    }

    void start(@Observes StartupEvent event) {
        subscription = ResilientSubscriber.subscribe(redis.pubsub(String.class), names.state(), this::handle,
                StreamTwin.readBack(redis.stream(String.class, String.class, String.class), names.stateStream()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    Uni<Void> handle(String raw) {
        Envelope event;
        try {
            event = parser.envelope(raw);
        } catch (InvalidEventException e) {
            Log.debugf("ignored an invalid event on %s: %s", names.state(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Handler handler : handlers) {
            all = all.chain(() -> Uni.createFrom().deferred(() -> handler.handle(event))
                    .onFailure().invoke(failure -> Log.warnf("%s could not handle %s %s: %s",
                            handler.getClass().getSimpleName(), event.type(), event.id(), failure.getMessage()))
                    .onFailure().recoverWithNull().replaceWithVoid());
        }
        return all;
    }
}
