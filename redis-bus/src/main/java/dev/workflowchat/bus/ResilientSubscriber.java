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
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
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
        return run(channel, () -> PubSubConnection.channel(pubsub.getDataSource().getRedis(), channel),
                heard -> handler.apply(heard.message()),
                since -> missed.apply(since).map(messages -> messages.stream()
                        .map(message -> new Heard(channel, message)).toList()));
    }

    /**
     * Hands every message of every channel matching {@code pattern} (PSUBSCRIBE) to {@code handler}
     * with the channel it came on, one after another, in order. Nothing is read back after an
     * outage: a pattern's channels have no one stream twin (their streams are read in groups).
     */
    public static Cancellable subscribeToPattern(ReactivePubSubCommands<String> pubsub, String pattern,
                                                 BiFunction<String, String, Uni<Void>> handler) {
        return run(pattern, () -> PubSubConnection.pattern(pubsub.getDataSource().getRedis(), pattern),
                heard -> handler.apply(heard.channel(), heard.message()),
                since -> Uni.createFrom().item(List.of()));
    }

    private static Cancellable run(String what, Supplier<PubSubConnection> connections,
                                   Function<Heard, Uni<Void>> handler, Function<Instant, Uni<List<Heard>>> missed) {
        AtomicReference<Instant> lostAt = new AtomicReference<>();
        return Multi.createFrom().<Heard>emitter(emitter -> {
                    LOG.debugf("subscribing to %s", what);
                    Instant since = lostAt.get();
                    Sink sink = new Sink(emitter, since == null, what);
                    PubSubConnection connection = connections.get();
                    // set first: a failure, a late answer or a cancel all give the connection back
                    emitter.onTermination(connection::close);
                    Reconnect.bounded(connection.open((channel, message) -> sink.live(new Heard(channel, message)),
                                    sink::ended, sink::failed), "SUBSCRIBE " + what)
                            .subscribe().with(
                                    subscribed -> {
                                        if (since != null) {
                                            Reconnect.bounded(missed.apply(since), "catching up on " + what)
                                                    .subscribe().with(messages -> {
                                                        sink.missed(messages);
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
                    LOG.warnf("subscription to %s lost (%s); resubscribing", what, failure.getMessage());
                })
                .onFailure().retry().withBackOff(Reconnect.FIRST_RETRY, Reconnect.MAX_RETRY).indefinitely()
                // deferred: a handler that throws instead of failing its Uni loses that message, not the subscription
                .onItem().transformToUniAndConcatenate(heard -> Uni.createFrom().deferred(() -> handler.apply(heard))
                        .onFailure().invoke(failure -> LOG.errorf(failure, "handling a message of %s failed", what))
                        .onFailure().recoverWithNull())
                .subscribe().with(
                        ignored -> { },
                        failure -> LOG.errorf(failure, "subscription to %s stopped", what));
    }

    /** A message and the channel it came on. */
    private record Heard(String channel, String message) {
    }

    /** A subscription ending because we stopped it (shutdown) is not a failure to report. */
    private static void failUnlessCancelled(MultiEmitter<?> emitter, Throwable failure) {
        if (!emitter.isCancelled()) {
            emitter.fail(failure);
        }
    }

    /**
     * Where a subscription's messages go: live ones held back until what was missed has been
     * handed over, so order is kept; its end (Redis restarted) and failures fail the emitter.
     */
    private static final class Sink {

        private final MultiEmitter<? super Heard> emitter;
        private final List<Heard> held = new ArrayList<>();
        private final String what;
        private boolean caughtUp;

        Sink(MultiEmitter<? super Heard> emitter, boolean nothingMissed, String what) {
            this.emitter = emitter;
            this.caughtUp = nothingMissed;
            this.what = what;
        }

        synchronized void live(Heard message) {
            if (caughtUp) {
                emitter.emit(message);
            } else {
                held.add(message);
            }
        }

        void ended() {
            failUnlessCancelled(emitter, new IllegalStateException("subscription to " + what + " ended"));
        }

        void failed(Throwable failure) {
            failUnlessCancelled(emitter, failure);
        }

        synchronized void missed(List<Heard> messages) {
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
