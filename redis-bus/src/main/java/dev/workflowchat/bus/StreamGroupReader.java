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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Reads streams as one consumer of a group, and acknowledges an entry only when its handler
 * succeeded. When the handler or Redis fails, it backs off, then first re-reads this consumer's
 * own pending entries, so nothing is skipped and order (per stream) is kept. Groups are created
 * from id 0 unless told otherwise, so entries added before any consumer ever ran are read too.
 *
 * <p>One reader may read many streams with one blocking XREADGROUP (each agent's own way in:
 * {@link #ofStreams}, streams added as they are found); each read's entries are handled stream by
 * stream. Made with {@link #batched} or {@link #ofStreams}, it hands a stream's envelopes of one
 * read to the handler at once and acknowledges them with one XACK when it succeeded, so a consumer
 * can apply many entries in one transaction; a failure leaves them all pending, to be handed over
 * again (the handler must be idempotent by envelope id, as every handler here is). The group's
 * upkeep (dead consumers, trimming) is {@link StreamGroupUpkeep}.
 */
public final class StreamGroupReader {

    /** The stream field that carries the envelope JSON. */
    public static final String EVENT_FIELD = "event";
    public static final String FROM_THE_START = "0";
    public static final String FROM_NOW = "$";

    private static final Logger LOG = Logger.getLogger(StreamGroupReader.class);
    private static final Duration BLOCK = Duration.ofSeconds(2);

    /** What a reader does with the envelopes of one stream from one read. */
    @FunctionalInterface
    public interface Handler {
        Uni<Void> handle(String stream, List<String> envelopes);
    }

    private final ReactiveStreamCommands<String, String, String> streams;
    private final String startAt;
    private final String group;
    private final String consumer;
    private final int batch;
    private final Function<String, Uni<Void>> onEvent;
    private final Handler onEvents;
    private final Function<StreamMessage<String, String, String>, Uni<Void>> onEntryWithoutEvent;
    private final Set<String> keys = new CopyOnWriteArraySet<>();
    private final Set<String> groupReady = ConcurrentHashMap.newKeySet();
    private final Set<String> ownPendingFirst = ConcurrentHashMap.newKeySet();
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
        this(streams, group, consumer, batch, startAt, onEvent, null, onEntryWithoutEvent);
        add(stream);
    }

    private StreamGroupReader(ReactiveStreamCommands<String, String, String> streams, String group, String consumer,
                              int batch, String startAt, Function<String, Uni<Void>> onEvent, Handler onEvents,
                              Function<StreamMessage<String, String, String>, Uni<Void>> onEntryWithoutEvent) {
        this.streams = streams;
        this.startAt = startAt;
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
        StreamGroupReader reader = ofStreams(streams, group, consumer, batch,
                (key, envelopes) -> onEvents.apply(envelopes), onEntryWithoutEvent);
        reader.add(stream);
        return reader;
    }

    /**
     * A batched reader of many streams (groups created from the start), none at first: streams are
     * added with {@link #add} as they are found, and read from the next read on.
     */
    public static StreamGroupReader ofStreams(ReactiveStreamCommands<String, String, String> streams, String group,
                                              String consumer, int batch, Handler onEvents,
                                              Function<StreamMessage<String, String, String>, Uni<Void>> onEntryWithoutEvent) {
        return new StreamGroupReader(streams, group, consumer, batch, FROM_THE_START, null, onEvents, onEntryWithoutEvent);
    }

    /** Reads this stream too (nothing when it is read already); its own pending entries first. */
    public void add(String stream) {
        if (keys.add(stream)) {
            ownPendingFirst.add(stream);
        }
    }

    /** The streams read, in the order they were added. */
    public List<String> streams() {
        return List.copyOf(keys);
    }

    String group() {
        return group;
    }

    String consumer() {
        return consumer;
    }

    boolean groupReady(String stream) {
        return groupReady.contains(stream);
    }

    public void start() {
        LOG.infof("reading %s as consumer %s of group %s", keys.isEmpty() ? "streams as they are found" : keys,
                consumer, group);
        loop = Multi.createBy().repeating().uni(this::cycle).indefinitely()
                .onFailure().invoke(failure -> {
                    groupReady.clear();
                    ownPendingFirst.addAll(keys);
                    LOG.warnf("reading %s failed (%s); retrying", keys, failure.getMessage());
                })
                .onFailure().retry().withBackOff(Reconnect.FIRST_RETRY, Reconnect.MAX_RETRY).indefinitely()
                .subscribe().with(ignored -> { }, failure -> LOG.errorf(failure, "the reader of %s stopped", keys));
    }

    public void stop() {
        if (loop != null) {
            loop.cancel();
        }
    }

    private Uni<Void> cycle() {
        List<String> all = List.copyOf(keys);
        if (all.isEmpty()) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(BLOCK);
        }
        return ensureGroups(all).chain(() -> read(all)).chain(this::handleAll);
    }

    private Uni<Void> ensureGroups(List<String> all) {
        Uni<Void> made = Uni.createFrom().voidItem();
        for (String stream : all) {
            if (!groupReady.contains(stream)) {
                made = made.chain(() -> Reconnect.bounded(streams.xgroupCreate(stream, group, startAt,
                                new XGroupCreateArgs().mkstream()), "XGROUP CREATE " + stream)
                        .onFailure(failure -> String.valueOf(failure.getMessage()).contains("BUSYGROUP")).recoverWithNull()
                        .invoke(() -> groupReady.add(stream))
                        .replaceWithVoid());
            }
        }
        return made;
    }

    private Uni<List<StreamMessage<String, String, String>>> read(List<String> all) {
        List<String> pending = all.stream().filter(ownPendingFirst::contains).toList();
        if (!pending.isEmpty()) {
            Map<String, String> fromOwnPending = new LinkedHashMap<>();
            pending.forEach(stream -> fromOwnPending.put(stream, "0"));
            return Reconnect.bounded(streams.xreadgroup(group, consumer, fromOwnPending, new XReadGroupArgs().count(batch)),
                            "XREADGROUP " + pending)
                    .invoke(entries -> pending.stream()
                            .filter(stream -> entries.stream().noneMatch(entry -> stream.equals(entry.key())))
                            .forEach(ownPendingFirst::remove));
        }
        Map<String, String> fromNew = new LinkedHashMap<>();
        all.forEach(stream -> fromNew.put(stream, ">"));
        return Reconnect.bounded(streams.xreadgroup(group, consumer, fromNew, new XReadGroupArgs().count(batch).block(BLOCK)),
                BLOCK.plus(Reconnect.COMMAND_TIMEOUT), "XREADGROUP " + all);
    }

    /** Each stream's entries in turn, each stream's in its order. */
    Uni<Void> handleAll(List<StreamMessage<String, String, String>> entries) {
        Map<String, List<StreamMessage<String, String, String>>> byStream = new LinkedHashMap<>();
        entries.forEach(entry -> byStream.computeIfAbsent(entry.key(), key -> new ArrayList<>()).add(entry));
        Uni<Void> all = Uni.createFrom().voidItem();
        for (var stream : byStream.entrySet()) {
            all = all.chain(() -> onEvents != null
                    ? handleTogether(stream.getKey(), stream.getValue())
                    : handleOneByOne(stream.getKey(), stream.getValue()));
        }
        return all;
    }

    private Uni<Void> handleOneByOne(String stream, List<StreamMessage<String, String, String>> entries) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (StreamMessage<String, String, String> entry : entries) {
            all = all.chain(() -> handle(stream, entry));
        }
        return all;
    }

    /** Entries without an envelope one by one, then the envelopes at once; one XACK for all. */
    private Uni<Void> handleTogether(String stream, List<StreamMessage<String, String, String>> entries) {
        List<String> envelopes = new ArrayList<>(entries.size());
        Uni<Void> all = Uni.createFrom().voidItem();
        for (StreamMessage<String, String, String> entry : entries) {
            String raw = envelopeOf(entry);
            if (raw == null) {
                all = all.chain(() -> onEntryWithoutEvent.apply(entry));
            } else {
                envelopes.add(raw);
            }
        }
        String[] ids = entries.stream().map(StreamMessage::id).toArray(String[]::new);
        return all.chain(() -> envelopes.isEmpty() ? Uni.createFrom().voidItem() : onEvents.handle(stream, envelopes))
                .chain(() -> Reconnect.bounded(streams.xack(stream, group, ids), "XACK " + stream))
                .replaceWithVoid();
    }

    private Uni<Void> handle(String stream, StreamMessage<String, String, String> entry) {
        String raw = envelopeOf(entry);
        Uni<Void> effect = raw == null ? onEntryWithoutEvent.apply(entry) : onEvent.apply(raw);
        // an acknowledgement lost in an outage leaves the entry pending: it is read again, and its
        // handler, idempotent by envelope id, does nothing the second time
        return effect.chain(() -> Reconnect.bounded(streams.xack(stream, group, entry.id()), "XACK " + stream))
                .replaceWithVoid();
    }

    private static String envelopeOf(StreamMessage<String, String, String> entry) {
        return entry.payload() == null ? null : entry.payload().get(EVENT_FIELD);
    }

    /** The group's upkeep for this reader: see {@link StreamGroupUpkeep}. */
    public StreamGroupUpkeep upkeep(ReactiveRedisDataSource redis) {
        return new StreamGroupUpkeep(this, streams, redis, batch);
    }
}
