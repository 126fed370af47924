package dev.workflowchat.bus;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.XTrimArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A reader's group, kept in shape now and then, for every stream it reads: what a dead consumer
 * left pending is taken over and handled ({@link #tidy}); consumers gone for good leave the group;
 * and, for a stream that only groups read ({@link #trimAcknowledged}), entries every group has
 * acknowledged are removed, so a way in does not grow forever.
 */
public final class StreamGroupUpkeep {

    /** A consumer silent this many claim-idle periods, with nothing pending, is a replica gone for good. */
    static final int GONE_AFTER_CLAIM_IDLES = 10;

    private static final Logger LOG = Logger.getLogger(StreamGroupUpkeep.class);

    private final StreamGroupReader reader;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final ReactiveRedisDataSource redis;
    private final int batch;

    StreamGroupUpkeep(StreamGroupReader reader, ReactiveStreamCommands<String, String, String> streams,
                      ReactiveRedisDataSource redis, int batch) {
        this.reader = reader;
        this.streams = streams;
        this.redis = redis;
        this.batch = batch;
    }

    /**
     * Takes over, and handles, what dead consumers left pending longer than {@code claimIdle}, then
     * removes consumers gone for good (nothing pending, silent {@value #GONE_AFTER_CLAIM_IDLES}
     * times {@code claimIdle}).
     */
    public Uni<Void> tidy(Duration claimIdle) {
        return eachReadyStream(stream -> claimAbandoned(stream, claimIdle)
                .chain(() -> forgetGoneConsumers(stream, claimIdle.multipliedBy(GONE_AFTER_CLAIM_IDLES))));
    }

    /**
     * Removes the entries every group of the stream has acknowledged: older than the oldest entry
     * still pending in any group, and than each group's last delivered one. Only for streams no one
     * reads without a group (an XRANGE reader would lose what it has not read yet). Approximate
     * ({@code MINID ~}): Redis removes whole blocks, so it may keep a few more.
     */
    public Uni<Void> trimAcknowledged() {
        return eachReadyStream(this::trim);
    }

    private Uni<Void> eachReadyStream(java.util.function.Function<String, Uni<Void>> work) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String stream : reader.streams()) {
            if (reader.groupReady(stream)) {
                all = all.chain(() -> work.apply(stream));
            }
        }
        return all;
    }

    private Uni<Void> claimAbandoned(String stream, Duration minIdle) {
        return Reconnect.bounded(streams.xautoclaim(stream, reader.group(), reader.consumer(), minIdle, "0-0", batch),
                        "XAUTOCLAIM " + stream)
                .chain(claimed -> {
                    if (!claimed.getMessages().isEmpty()) {
                        LOG.infof("took over %d abandoned entries of %s", claimed.getMessages().size(), stream);
                    }
                    return reader.handleAll(claimed.getMessages());
                })
                .onFailure().invoke(failure -> LOG.warnf("claiming abandoned entries of %s failed: %s", stream,
                        failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    /**
     * Removes from the group the other consumers that hold nothing and have not read for longer
     * than {@code silentFor}: replicas gone for good (each start may name a new consumer), so the
     * group's list does not grow with every deploy. One with entries pending is kept: they are
     * taken over first (removing it would drop them).
     */
    private Uni<Void> forgetGoneConsumers(String stream, Duration silentFor) {
        return Reconnect.bounded(redis.execute("XINFO", "CONSUMERS", stream, reader.group()), "XINFO CONSUMERS " + stream)
                .chain(consumers -> {
                    List<Uni<Long>> removals = new ArrayList<>();
                    for (Response info : consumers) {
                        String name = info.get("name").toString();
                        if (!name.equals(reader.consumer()) && info.get("pending").toLong() == 0
                                && info.get("idle").toLong() > silentFor.toMillis()) {
                            removals.add(Reconnect.bounded(streams.xgroupDelConsumer(stream, reader.group(), name),
                                    "XGROUP DELCONSUMER " + stream));
                            LOG.infof("removing consumer %s from the group %s of %s: silent for %d s, nothing pending",
                                    name, reader.group(), stream, info.get("idle").toLong() / 1000);
                        }
                    }
                    return removals.isEmpty() ? Uni.createFrom().voidItem()
                            : Uni.join().all(removals).andFailFast().replaceWithVoid();
                })
                .onFailure().invoke(failure -> LOG.warnf("removing gone consumers of %s failed: %s", stream,
                        failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> trim(String stream) {
        return Reconnect.bounded(redis.execute("XINFO", "GROUPS", stream), "XINFO GROUPS " + stream)
                .chain(groups -> {
                    Uni<String> oldestNeeded = Uni.createFrom().nullItem();
                    for (Response info : groups) {
                        String group = info.get("name").toString();
                        String delivered = info.get("last-delivered-id").toString();
                        long pending = info.get("pending").toLong();
                        oldestNeeded = oldestNeeded.chain(sofar -> (pending == 0 ? Uni.createFrom().item(delivered)
                                : Reconnect.bounded(streams.xpending(stream, group), "XPENDING " + stream)
                                        .map(summary -> summary.getLowestId()))
                                .map(needed -> StreamIds.older(sofar, needed)));
                    }
                    return oldestNeeded;
                })
                .chain(minId -> minId == null || StreamIds.ZERO.equals(minId) ? Uni.createFrom().voidItem()
                        : Reconnect.bounded(streams.xtrim(stream, new XTrimArgs().minid(minId).nearlyExactTrimming()),
                                "XTRIM " + stream)
                        .invoke(removed -> LOG.debugf("trimmed %d acknowledged entries of %s", removed, stream))
                        .replaceWithVoid())
                .onFailure().invoke(failure -> LOG.warnf("trimming %s failed: %s", stream, failure.getMessage()))
                .onFailure().recoverWithNull();
    }
}
