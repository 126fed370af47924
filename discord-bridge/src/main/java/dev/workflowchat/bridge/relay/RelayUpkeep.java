package dev.workflowchat.bridge.relay;

import dev.workflowchat.bus.StreamGroupUpkeep;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * What the bridge relaying looks after now and then, for what a bridge paused past its lease left
 * behind (both bridges read as the one consumer {@code discord-bridge}): web events its blocked read
 * was handed while it stood still, pending past {@code claimIdle}, are taken and relayed again; and
 * its lanes' parked events are drained, though no new event of their channel comes to wake them.
 * An event that bridge was posting at the very moment it stopped, for longer than {@code claimIdle},
 * may reach Discord twice (Discord takes no fencing token).
 */
public final class RelayUpkeep {

    private final Vertx vertx;
    private final StreamGroupUpkeep upkeep;
    private final ChannelLanes lanes;
    private final List<String> discordChannelIds;
    private final Duration claimIdle;
    private final BooleanSupplier relaying;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public RelayUpkeep(Vertx vertx, StreamGroupUpkeep upkeep, ChannelLanes lanes, Collection<String> discordChannelIds,
                       Duration claimIdle, BooleanSupplier relaying) {
        this.vertx = vertx;
        this.upkeep = upkeep;
        this.lanes = lanes;
        this.discordChannelIds = List.copyOf(discordChannelIds);
        this.claimIdle = claimIdle;
        this.relaying = relaying;
    }

    /** Every half of the claim-idle time, while this bridge relays. */
    public void start() {
        timer = vertx.setPeriodic(Math.max(500, claimIdle.toMillis() / 2), ignored -> tick());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void tick() {
        if (!relaying.getAsBoolean() || !running.compareAndSet(false, true)) {
            return;
        }
        lanes.start(discordChannelIds);
        upkeep.tidy(claimIdle)
                .onTermination().invoke(() -> running.set(false))
                .subscribe().with(ignored -> { }, failure -> Log.debugf("the relay's upkeep failed: %s", failure.getMessage()));
    }
}
