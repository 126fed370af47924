package dev.workflowchat.chat.messaging;

import dev.workflowchat.bus.ResilientSubscriber;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** This service's pub/sub subscriptions, each kept alive across Redis restarts ({@link ResilientSubscriber}). */
@ApplicationScoped
public class PubSubSubscriptions {

    private final ReactivePubSubCommands<String> pubsub;

    public PubSubSubscriptions(ReactiveRedisDataSource redis) {
        this.pubsub = redis.pubsub(String.class);
    }

    /** Hands every message of {@code channel} to {@code handler}, one after another, in order. */
    public Cancellable subscribe(String channel, Function<String, Uni<Void>> handler) {
        return ResilientSubscriber.subscribe(pubsub, channel, handler);
    }

    /** Every message of every channel matching {@code pattern}, with its channel, one after another. */
    public Cancellable subscribeToPattern(String pattern, BiFunction<String, String, Uni<Void>> handler) {
        return ResilientSubscriber.subscribeToPattern(pubsub, pattern, handler);
    }

    /** As above; after a lost subscription, {@code missed} finds what was published meanwhile. */
    public Cancellable subscribe(String channel, Function<String, Uni<Void>> handler,
                                 Function<Instant, Uni<List<String>>> missed) {
        return ResilientSubscriber.subscribe(pubsub, channel, handler, missed);
    }
}
