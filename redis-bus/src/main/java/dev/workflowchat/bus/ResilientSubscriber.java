package dev.workflowchat.bus;

import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Pub/sub subscriptions that outlive Redis restarts. The Quarkus client's subscription simply
 * ends when the connection goes away, and a SUBSCRIBE sent while Redis is down may never be
 * answered; here the end and an unanswered SUBSCRIBE count as failures, and every failure
 * resubscribes with capped backoff, for as long as the service runs.
 */
public final class ResilientSubscriber {

    // A library outside the application index: the JBoss logger, not io.quarkus.logging.Log.
    private static final Logger LOG = Logger.getLogger(ResilientSubscriber.class);
    private static final int BUFFERED_MESSAGES = 10_000;

    private ResilientSubscriber() {
    }

    /** Hands every message of {@code channel} to {@code handler}, one after another, in order. */
    public static Cancellable subscribe(ReactivePubSubCommands<String> pubsub, String channel,
                                        Function<String, Uni<Void>> handler) {
        return Multi.createFrom().<String>emitter(emitter -> {
                    LOG.debugf("subscribing to %s", channel);
                    Reconnect.bounded(pubsub.subscribe(channel, emitter::emit,
                                            () -> emitter.fail(new IllegalStateException("subscription to " + channel + " ended")),
                                            emitter::fail),
                                    "SUBSCRIBE " + channel)
                            .subscribe().with(
                                    subscriber -> emitter.onTermination(() -> subscriber.unsubscribe().subscribe()
                                            .with(ignored -> { }, failure -> LOG.debugf("unsubscribing from %s: %s",
                                                    channel, failure.getMessage()))),
                                    emitter::fail);
                })
                // a burst larger than this while the handler is busy costs a resubscription, not memory
                .onOverflow().buffer(BUFFERED_MESSAGES)
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
