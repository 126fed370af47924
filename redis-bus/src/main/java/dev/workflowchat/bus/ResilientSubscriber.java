package dev.workflowchat.bus;

import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
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
        return subscribe(pubsub, channel, handler, since -> Uni.createFrom().item(List.of()));
    }

    /**
     * As {@link #subscribe(ReactivePubSubCommands, String, Function)}, and after every
     * resubscription first hands over what {@code missed} finds for the time since the
     * subscription was lost (pub/sub keeps nothing for who wasn't listening), then what arrived
     * live meanwhile. The handler may see a message twice around an outage, never lose one that
     * {@code missed} can find.
     */
    public static Cancellable subscribe(ReactivePubSubCommands<String> pubsub, String channel,
                                        Function<String, Uni<Void>> handler,
                                        Function<Instant, Uni<List<String>>> missed) {
        AtomicReference<Instant> lostAt = new AtomicReference<>();
        return Multi.createFrom().<String>emitter(emitter -> {
                    LOG.debugf("subscribing to %s", channel);
                    Instant since = lostAt.get();
                    CatchUp catchUp = new CatchUp(emitter, since == null);
                    Reconnect.bounded(pubsub.subscribe(channel, catchUp::live,
                                            () -> failUnlessCancelled(emitter, new IllegalStateException("subscription to "
                                                    + channel + " ended")),
                                            failure -> failUnlessCancelled(emitter, failure)),
                                    "SUBSCRIBE " + channel)
                            .subscribe().with(
                                    subscriber -> {
                                        emitter.onTermination(() -> subscriber.unsubscribe().subscribe()
                                                .with(ignored -> { }, failure -> LOG.debugf("unsubscribing from %s: %s",
                                                        channel, failure.getMessage())));
                                        if (since != null) {
                                            Reconnect.bounded(missed.apply(since), "catching up on " + channel)
                                                    .subscribe().with(messages -> {
                                                        catchUp.missed(messages);
                                                        lostAt.compareAndSet(since, null); // the next loss counts from then
                                                    }, emitter::fail);
                                        }
                                    },
                                    emitter::fail);
                })
                // a burst larger than this while the handler is busy costs a resubscription, not memory
                .onOverflow().buffer(BUFFERED_MESSAGES)
                .onFailure().invoke(failure -> {
                    lostAt.compareAndSet(null, Instant.now());
                    LOG.warnf("subscription to %s lost (%s); resubscribing", channel, failure.getMessage());
                })
                .onFailure().retry().withBackOff(Reconnect.FIRST_RETRY, Reconnect.MAX_RETRY).indefinitely()
                .onItem().transformToUniAndConcatenate(message -> handler.apply(message)
                        .onFailure().invoke(failure -> LOG.errorf(failure, "handling a message of %s failed", channel))
                        .onFailure().recoverWithNull())
                .subscribe().with(
                        ignored -> { },
                        failure -> LOG.errorf(failure, "subscription to %s stopped", channel));
    }

    /** A subscription ending because we stopped it (shutdown) is not a failure to report. */
    private static void failUnlessCancelled(MultiEmitter<? super String> emitter, Throwable failure) {
        if (!emitter.isCancelled()) {
            emitter.fail(failure);
        }
    }

    /** Holds live messages back until what was missed has been handed over, so order is kept. */
    private static final class CatchUp {

        private final MultiEmitter<? super String> emitter;
        private final List<String> held = new ArrayList<>();
        private boolean caughtUp;

        CatchUp(MultiEmitter<? super String> emitter, boolean nothingMissed) {
            this.emitter = emitter;
            this.caughtUp = nothingMissed;
        }

        synchronized void live(String message) {
            if (caughtUp) {
                emitter.emit(message);
            } else {
                held.add(message);
            }
        }

        synchronized void missed(List<String> messages) {
            if (!messages.isEmpty()) {
                LOG.infof("handing over %d messages published while the subscription was down", messages.size());
            }
            messages.forEach(emitter::emit);
            held.forEach(emitter::emit);
            held.clear();
            caughtUp = true;
        }
    }
}
