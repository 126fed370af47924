package dev.workflowchat.bus;

import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Pub/sub subscriptions that outlive Redis restarts. The Quarkus client's subscription simply
 * completes when the connection goes away; here completion counts as a failure, and every
 * failure resubscribes with capped backoff, for as long as the service runs.
 */
public final class ResilientSubscriber {

    // A library outside the application index: the JBoss logger, not io.quarkus.logging.Log.
    private static final Logger LOG = Logger.getLogger(ResilientSubscriber.class);

    private ResilientSubscriber() {
    }

    /** Hands every message of {@code channel} to {@code handler}, one after another, in order. */
    public static Cancellable subscribe(ReactivePubSubCommands<String> pubsub, String channel,
                                        Function<String, Uni<Void>> handler) {
        return Multi.createFrom().deferred(() -> {
                    LOG.debugf("subscribing to %s", channel);
                    return pubsub.subscribe(channel);
                })
                .onCompletion().failWith(() -> new IllegalStateException("subscription to " + channel + " ended"))
                .onFailure().invoke(failure -> LOG.warnf("subscription to %s lost (%s); resubscribing",
                        channel, failure.getMessage()))
                .onFailure().retry().withBackOff(Reconnect.FIRST_RETRY, Reconnect.MAX_RETRY).indefinitely()
                .onItem().transformToUniAndConcatenate(message -> handler.apply(message)
                        .onFailure().invoke(failure -> LOG.errorf(failure, "handling a message of %s failed", channel))
                        .onFailure().recoverWithNull())
                .subscribe().with(
                        ignored -> { },
                        failure -> LOG.errorf(failure, "subscription to %s stopped", channel));
    }
}
