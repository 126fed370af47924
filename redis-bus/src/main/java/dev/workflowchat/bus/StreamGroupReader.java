package dev.workflowchat.bus;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Reads one stream as one consumer of a group, entry after entry, and acknowledges an entry
 * only when its handler succeeded. When the handler or Redis fails, it backs off, then first
 * re-reads this consumer's own pending entries, so nothing is skipped and order is kept. The
 * group is created from id 0 unless told otherwise, so entries added before any consumer ever
 * ran are read too.
 * {@link #tidy} takes over what a dead consumer left pending and forgets consumers gone for good.
 *
 * <p>Made with {@link #batched}, it hands each read's envelopes to the handler at once and
 * acknowledges them with one XACK when it succeeded, so a consumer can apply many entries in one
 * transaction; a failure leaves them all pending, to be handed over again (the handler must be
 * idempotent by envelope id, as every handler here is).
 */
public final class StreamGroupReader {

    /** The stream field that carries the envelope JSON. */
    public static final String EVENT_FIELD = "event";
    /** A consumer silent this many claim-idle periods, with nothing pending, is a replica gone for good. */
    static final int GONE_AFTER_CLAIM_IDLES = 10;

    private static final Logger LOG = Logger.getLogger(StreamGroupReader.class);
    private static final Duration BLOCK = Duration.ofSeconds(2);
    public static final String FROM_THE_START = "0";
    public static final String FROM_NOW = "$";

    private final ReactiveStreamCommands<String, String, String> streams;
    private final String startAt;
    private final String stream;
    private final String group;
    private final String consumer;
    private final int batch;
    private final Function<String, Uni<Void>> onEvent;
    private final Function<List<String>, Uni<Void>> onEvents;
    private final Function<StreamMessage<String, String, String>, Uni<Void>> onEntryWithoutEvent;
    private final AtomicBoolean groupReady = new AtomicBoolean();
    private final AtomicBoolean ownPendingFirst = new AtomicBoolean(true);
    private volatile Cancellable loop;

    /**
     * {@code onEvent} gets each entry's envelope JSON; a failed Uni leaves the entry pending.
     * {@code onEntryWithoutEvent} deals with an entry that has no {@code event} field.
     */
    public StreamGroupReader(ReactiveStreamCommands<String, String, String> streams, String stream, String group,
                             String consumer, int batch, Function<String, Uni<Void>> onEvent,
                             Function<StreamMessage<String, String, String>, Uni<Void>> onEntryWithoutEvent) {
        this(streams, stream, group, consumer, batch, FROM_THE_START, onEvent, onEntryWithoutEvent);
    }

    /**
     * As above, with the id a new group starts after: {@link #FROM_THE_START} reads what is already
     * there, {@link #FROM_NOW} only what comes after the group was made (a reader that must not
     * replay history on its first start). An existing group keeps its position either way.
     */
    public StreamGroupReader(ReactiveStreamCommands<String, String, String> streams, String stream, String group,
                             String consumer, int batch, String startAt, Function<String, Uni<Void>> onEvent,
                             Function<StreamMessage<String, String, String>, Uni<Void>> onEntryWithoutEvent) {
        this(streams, stream, group, consumer, batch, startAt, onEvent, null, onEntryWithoutEvent);
    }

    private StreamGroupReader(ReactiveStreamCommands<String, String, String> streams, String stream, String group,
                              String consumer, int batch, String startAt, Function<String, Uni<Void>> onEvent,
                              Function<List<String>, Uni<Void>> onEvents,
                              Function<StreamMessage<String, String, String>, Uni<Void>> onEntryWithoutEvent) {
        this.startAt = startAt;
        this.streams = streams;
        this.stream = stream;
        this.group = group;
        this.consumer = consumer;
        this.batch = batch;
        this.onEvent = onEvent;
        this.onEvents = onEvents;
        this.onEntryWithoutEvent = onEntryWithoutEvent;
    }

    /**
     * A reader (group created from the start) that hands {@code onEvents} the envelopes of each
     * read, up to {@code batch}, in stream order, and acknowledges them together once it succeeded.
     */
    public static StreamGroupReader batched(ReactiveStreamCommands<String, String, String> streams, String stream,
                                            String group, String consumer, int batch,
                                            Function<List<String>, Uni<Void>> onEvents,
                                            Function<StreamMessage<String, String, String>, Uni<Void>> onEntryWithoutEvent) {
        return new StreamGroupReader(streams, stream, group, consumer, batch, FROM_THE_START, null, onEvents,
                onEntryWithoutEvent);
    }

    public void start() {
        LOG.infof("reading %s as consumer %s of group %s", stream, consumer, group);
        loop = Multi.createBy().repeating().uni(this::cycle).indefinitely()
                .onFailure().invoke(failure -> {
                    groupReady.set(false);
                    ownPendingFirst.set(true);
                    LOG.warnf("reading %s failed (%s); retrying", stream, failure.getMessage());
                })
                .onFailure().retry().withBackOff(Reconnect.FIRST_RETRY, Reconnect.MAX_RETRY).indefinitely()
                .subscribe().with(ignored -> { }, failure -> LOG.errorf(failure, "the reader of %s stopped", stream));
    }

    public void stop() {
        if (loop != null) {
            loop.cancel();
        }
    }

    /** Takes over, and handles, entries another consumer left pending longer than {@code minIdle}. */
    private Uni<Void> claimAbandoned(Duration minIdle) {
        if (!groupReady.get()) {
            return Uni.createFrom().voidItem();
        }
        return Reconnect.bounded(streams.xautoclaim(stream, group, consumer, minIdle, "0-0", batch), "XAUTOCLAIM " + stream)
                .chain(claimed -> {
                    if (!claimed.getMessages().isEmpty()) {
                        LOG.infof("took over %d abandoned entries of %s", claimed.getMessages().size(), stream);
                    }
                    return handleAll(claimed.getMessages());
                })
                .onFailure().invoke(failure -> LOG.warnf("claiming abandoned entries of %s failed: %s", stream,
                        failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    /**
     * The group's upkeep, run now and then: takes over what dead consumers left pending longer than
     * {@code claimIdle}, then removes consumers gone for good (nothing pending, silent
     * {@value #GONE_AFTER_CLAIM_IDLES} times {@code claimIdle}).
     */
    public Uni<Void> tidy(ReactiveRedisDataSource redis, Duration claimIdle) {
        return claimAbandoned(claimIdle).chain(() -> forgetGoneConsumers(redis, claimIdle.multipliedBy(GONE_AFTER_CLAIM_IDLES)));
    }

    /**
     * Removes from the group the other consumers that hold nothing and have not read for longer
     * than {@code silentFor}: replicas gone for good (each start may name a new consumer), so the
     * group's list does not grow with every deploy. One with entries pending is kept:
     * {@link #claimAbandoned} takes those over first (removing it would drop them). {@code redis}
     * asks {@code XINFO CONSUMERS}, which the stream commands don't offer.
     */
    private Uni<Void> forgetGoneConsumers(ReactiveRedisDataSource redis, Duration silentFor) {
        if (!groupReady.get()) {
            return Uni.createFrom().voidItem();
        }
        return Reconnect.bounded(redis.execute("XINFO", "CONSUMERS", stream, group),
                        "XINFO CONSUMERS " + stream)
                .chain(consumers -> {
                    List<Uni<Long>> removals = new ArrayList<>();
                    for (io.vertx.mutiny.redis.client.Response info : consumers) {
                        String name = info.get("name").toString();
                        if (!name.equals(consumer) && info.get("pending").toLong() == 0
                                && info.get("idle").toLong() > silentFor.toMillis()) {
                            removals.add(Reconnect.bounded(streams.xgroupDelConsumer(stream, group, name),
                                    "XGROUP DELCONSUMER " + stream));
                            LOG.infof("removing consumer %s from the group %s of %s: silent for %d s, nothing pending",
                                    name, group, stream, info.get("idle").toLong() / 1000);
                        }
                    }
                    return removals.isEmpty() ? Uni.createFrom().voidItem()
                            : Uni.join().all(removals).andFailFast().replaceWithVoid();
                })
                .onFailure().invoke(failure -> LOG.warnf("removing gone consumers of %s failed: %s", stream,
                        failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> cycle() {
        return ensureGroup().chain(this::read).chain(this::handleAll);
    }

    private Uni<Void> ensureGroup() {
        if (groupReady.get()) {
            return Uni.createFrom().voidItem();
        }
        return Reconnect.bounded(streams.xgroupCreate(stream, group, startAt, new XGroupCreateArgs().mkstream()),
                        "XGROUP CREATE " + stream)
                .onFailure(failure -> String.valueOf(failure.getMessage()).contains("BUSYGROUP")).recoverWithNull()
                .invoke(() -> groupReady.set(true));
    }

    private Uni<List<StreamMessage<String, String, String>>> read() {
        if (ownPendingFirst.get()) {
            return Reconnect.bounded(streams.xreadgroup(group, consumer, stream, "0", new XReadGroupArgs().count(batch)),
                            "XREADGROUP " + stream)
                    .invoke(pending -> {
                        if (pending.isEmpty()) {
                            ownPendingFirst.set(false);
                        }
                    });
        }
        return Reconnect.bounded(streams.xreadgroup(group, consumer, stream, ">", new XReadGroupArgs().count(batch).block(BLOCK)),
                BLOCK.plus(Reconnect.COMMAND_TIMEOUT), "XREADGROUP " + stream);
    }

    private Uni<Void> handleAll(List<StreamMessage<String, String, String>> entries) {
        if (onEvents != null) {
            return handleTogether(entries);
        }
        Uni<Void> all = Uni.createFrom().voidItem();
        for (StreamMessage<String, String, String> entry : entries) {
            all = all.chain(() -> handle(entry));
        }
        return all;
    }

    /** Entries without an envelope one by one, then the envelopes at once; one XACK for all. */
    private Uni<Void> handleTogether(List<StreamMessage<String, String, String>> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> envelopes = new ArrayList<>(entries.size());
        Uni<Void> all = Uni.createFrom().voidItem();
        for (StreamMessage<String, String, String> entry : entries) {
            String raw = entry.payload() == null ? null : entry.payload().get(EVENT_FIELD);
            if (raw == null) {
                all = all.chain(() -> onEntryWithoutEvent.apply(entry));
            } else {
                envelopes.add(raw);
            }
        }
        String[] ids = entries.stream().map(StreamMessage::id).toArray(String[]::new);
        return all.chain(() -> envelopes.isEmpty() ? Uni.createFrom().voidItem() : onEvents.apply(envelopes))
                .chain(() -> Reconnect.bounded(streams.xack(stream, group, ids), "XACK " + stream))
                .replaceWithVoid();
    }

    private Uni<Void> handle(StreamMessage<String, String, String> entry) {
        String raw = entry.payload() == null ? null : entry.payload().get(EVENT_FIELD);
        Uni<Void> effect = raw == null ? onEntryWithoutEvent.apply(entry) : onEvent.apply(raw);
        // an acknowledgement lost in an outage leaves the entry pending: it is read again, and its
        // handler, idempotent by envelope id, does nothing the second time
        return effect.chain(() -> Reconnect.bounded(streams.xack(stream, group, entry.id()), "XACK " + stream))
                .replaceWithVoid();
    }
}
