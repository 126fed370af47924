package dev.workflowchat.bridge.relay;

import dev.workflowchat.bridge.discord.DiscordRejectedException;
import dev.workflowchat.bus.DeadLetterStream;
import dev.workflowchat.bus.Reconnect;
import dev.workflowchat.protocol.ProtocolJson;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.list.ReactiveListCommands;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Web → Discord, one lane per Discord channel, so one channel's trouble never holds up another's.
 * An event is tried at once (a few quick tries); one Discord refuses for good (a missing permission, a
 * channel gone) goes to the dead letters with the reason and marks its channel unhealthy; one that
 * failed for a passing reason (Discord or the chat away, 5xx, a network error) is parked in the lane's
 * Redis list, and so is every later event of that channel while the list is not empty (its order is
 * kept), to be retried with growing pauses. The stream reader acknowledges both at once and goes on.
 */
public final class ChannelLanes {

    static final String DEAD_LETTER_ORIGIN = "discord-bridge";
    private static final int QUICK_TRIES = 3;
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(60);
    private static final Duration WORK_WAIT = Duration.ofSeconds(90);

    private final ReactiveListCommands<String, String> lists;
    private final String prefix;
    private final DeadLetterStream deadLetters;
    private final ChannelHealth health;
    private final BridgeMetrics metrics;
    private final Function<String, Uni<Void>> work;
    private final Map<String, Duration> pauses = new ConcurrentHashMap<>();
    private final Map<String, Boolean> draining = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "discord-lanes");
        thread.setDaemon(true);
        return thread;
    });

    public ChannelLanes(ReactiveRedisDataSource redis, String prefix, DeadLetterStream deadLetters, ChannelHealth health,
                        BridgeMetrics metrics, Function<String, Uni<Void>> work) {
        this.lists = redis.list(String.class, String.class);
        this.prefix = prefix;
        this.deadLetters = deadLetters;
        this.health = health;
        this.metrics = metrics;
        this.work = work;
    }

    /** Retries what earlier runs parked, lane by lane. */
    public void start(Collection<String> discordChannelIds) {
        discordChannelIds.forEach(this::drainSoon);
    }

    public void stop() {
        retries.shutdownNow();
    }

    /** Handles one event of this channel's lane; fails only when Redis does (the reader then tries again). */
    public Uni<Void> submit(String discordChannelId, String eventId, String raw) {
        return Reconnect.bounded(lists.llen(key(discordChannelId)), "LLEN lane").chain(parked -> parked > 0
                ? park(discordChannelId, raw)
                : work.apply(raw)
                        // said each time: what failed after Discord took it (a post) is posted again
                        .onFailure(ChannelLanes::passing).invoke(failure -> Log.infof(
                                "Discord channel %s: %s failed (%s: %s); trying again", discordChannelId, eventId,
                                failure.getClass().getSimpleName(), failure.getMessage()))
                        .onFailure(ChannelLanes::passing).retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1))
                        .atMost(QUICK_TRIES - 1)
                        .invoke(() -> health.healthy(discordChannelId))
                        .onFailure(ChannelLanes::passing).recoverWithUni(failure -> {
                            Log.warnf("Discord channel %s: %s failed (%s); retrying it in the background", discordChannelId,
                                    eventId, failure.getMessage());
                            return park(discordChannelId, raw);
                        })
                        .onFailure().recoverWithUni(failure -> refused(discordChannelId, eventId, raw, failure)));
    }

    /** A failure that may pass: anything but Discord's (or the chat's) "never". */
    static boolean passing(Throwable failure) {
        return !(failure instanceof DiscordRejectedException);
    }

    private Uni<Void> refused(String discordChannelId, String eventId, String raw, Throwable failure) {
        String reason = failure.getMessage();
        health.unhealthy(discordChannelId, reason);
        metrics.failedToDiscord();
        return deadLetters.append(DEAD_LETTER_ORIGIN, eventId,
                "Discord channel " + discordChannelId + " (#" + health.nameOf(discordChannelId) + "): " + reason, raw);
    }

    private Uni<Void> park(String discordChannelId, String raw) {
        return Reconnect.bounded(lists.rpush(key(discordChannelId), raw), "RPUSH lane")
                .invoke(count -> health.waiting(discordChannelId, count))
                .invoke(() -> drainSoon(discordChannelId))
                .replaceWithVoid();
    }

    private void drainSoon(String discordChannelId) {
        if (draining.putIfAbsent(discordChannelId, Boolean.TRUE) == null) {
            schedule(discordChannelId, Duration.ZERO);
        }
    }

    private void schedule(String discordChannelId, Duration after) {
        try {
            retries.schedule(() -> drainOne(discordChannelId), after.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            draining.remove(discordChannelId);
        }
    }

    /** The oldest parked event of the lane: done, refused or left for later; removed only once done or refused. */
    private void drainOne(String discordChannelId) {
        String key = key(discordChannelId);
        try {
            String raw = Reconnect.bounded(lists.lindex(key, 0), "LINDEX lane").await().atMost(WORK_WAIT);
            if (raw == null) {
                draining.remove(discordChannelId);
                health.waiting(discordChannelId, 0);
                if (Reconnect.bounded(lists.llen(key), "LLEN lane").await().atMost(WORK_WAIT) > 0) {
                    drainSoon(discordChannelId); // parked between the two looks
                }
                return;
            }
            try {
                work.apply(raw).await().atMost(WORK_WAIT);
                health.healthy(discordChannelId);
            } catch (DiscordRejectedException refusedForGood) {
                refused(discordChannelId, idOf(raw), raw, refusedForGood).await().atMost(WORK_WAIT);
            }
            Reconnect.bounded(lists.lpop(key), "LPOP lane").await().atMost(WORK_WAIT);
            health.waiting(discordChannelId, Reconnect.bounded(lists.llen(key), "LLEN lane").await().atMost(WORK_WAIT));
            pauses.remove(discordChannelId);
            schedule(discordChannelId, Duration.ZERO);
        } catch (RuntimeException passing) {
            Duration pause = pauses.merge(discordChannelId, FIRST_PAUSE,
                    (before, first) -> before.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : before.multipliedBy(2));
            Log.debugf("Discord channel %s: a parked event failed again (%s); next try in %d s", discordChannelId,
                    passing.getMessage(), pause.toSeconds());
            schedule(discordChannelId, pause);
        }
    }

    private static String idOf(String raw) {
        try {
            return ProtocolJson.mapper().readTree(raw).path("id").asText("");
        } catch (java.io.IOException unreadable) {
            return "";
        }
    }

    private String key(String discordChannelId) {
        return prefix + ":bridge:lane:" + discordChannelId;
    }
}
