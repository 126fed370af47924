package dev.workflowchat.chat.messaging;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Function;

/**
 * Pub/sub subscriptions that outlive Redis restarts. The client's subscription simply
 * completes when the connection goes away; here completion counts as a failure, and every
 * failure resubscribes with capped backoff, for as long as the service runs.
 */
@ApplicationScoped
public class PubSubSubscriptions {

    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration MAX_RETRY = Duration.ofSeconds(5);

    private final ReactivePubSubCommands<String> pubsub;

    public PubSubSubscriptions(ReactiveRedisDataSource redis) {
        this.pubsub = redis.pubsub(String.class);
    }

    /** Hands every message of {@code channel} to {@code handler}, one after another, in order. */
    public Cancellable subscribe(String channel, Function<String, Uni<Void>> handler) {
        return Multi.createFrom().deferred(() -> {
                    Log.debugf("subscribing to %s", channel);
                    return pubsub.subscribe(channel);
                })
                .onCompletion().failWith(() -> new IllegalStateException("subscription to " + channel + " ended"))
                .onFailure().invoke(failure -> Log.warnf("subscription to %s lost (%s); resubscribing",
                        channel, failure.getMessage()))
                .onFailure().retry().withBackOff(FIRST_RETRY, MAX_RETRY).indefinitely()
                .onItem().transformToUniAndConcatenate(message -> handler.apply(message)
                        .onFailure().invoke(failure -> Log.errorf(failure, "handling a message of %s failed", channel))
                        .onFailure().recoverWithNull())
                .subscribe().with(
                        ignored -> { },
                        failure -> Log.errorf(failure, "subscription to %s stopped", channel));
    }
}
