package dev.workflowchat.bridge.relay;

import dev.workflowchat.bridge.discord.DiscordClient;
import dev.workflowchat.bridge.discord.DiscordMessage;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What happened in a Discord channel (or thread) while the bridge was away, after a restart or a reconnect: one walk through
 * the channel's history, 100 messages per request (Discord's most), from the oldest message of the
 * {@link RelayedWindow} on. Messages up to the watermark were relayed before: one edited since (another
 * {@code edited_timestamp}) is relayed as an edit, one of the window that is gone as a delete. Messages after
 * the watermark are new: relayed in order, {@code WFCHAT_DISCORD_BACKFILL_LIMIT} at most, the oldest first.
 */
final class DiscordCatchUp {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The relay's steps, each safe to repeat. */
    interface Steps {
        void created(DiscordMessage message) throws Exception;

        void edited(DiscordMessage message) throws Exception;

        void deleted(String channelId, String messageId) throws Exception;
    }

    private final DiscordClient discord;
    private final LinkStore links;
    private final RelayedWindow window;
    private final int backfillLimit;
    private final Steps steps;

    DiscordCatchUp(DiscordClient discord, LinkStore links, RelayedWindow window, int backfillLimit, Steps steps) {
        this.discord = discord;
        this.links = links;
        this.window = window;
        this.backfillLimit = Math.max(0, backfillLimit);
        this.steps = steps;
    }

    /**
     * Catches up on a channel or a thread; {@code startAfter} is where to start when nothing was relayed
     * from it yet (null: nothing is caught up there, history from before the bridge stays in Discord).
     */
    void catchUp(String channelId, String startAfter) throws Exception {
        String watermark = links.watermark(channelId).await().atMost(WAIT).orElse(startAfter);
        if (watermark == null) {
            return; // never relayed here: history before the bridge existed stays in Discord
        }
        Map<String, String> relayed = window.of(channelId).await().atMost(WAIT);
        String from = relayed.isEmpty() ? watermark : Snowflakes.min(relayed.keySet().iterator().next(), watermark);
        String after = relayed.isEmpty() ? watermark : Snowflakes.before(from);
        Set<String> seen = new HashSet<>();
        int fresh = 0;
        int edits = 0;
        boolean more = true;
        while (more) {
            List<DiscordMessage> page = discord.messagesAfter(channelId, after, DiscordClient.MAX_PAGE)
                    .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            more = page.size() == DiscordClient.MAX_PAGE;
            for (DiscordMessage message : page) {
                after = message.id();
                if (Snowflakes.compare(message.id(), watermark) <= 0) {
                    seen.add(message.id());
                    String mark = relayed.get(message.id());
                    if (mark != null && !mark.equals(RelayedWindow.mark(message.editedAt()))) {
                        steps.edited(message);
                        edits++;
                    }
                } else if (fresh < backfillLimit) {
                    steps.created(message);
                    fresh++;
                } else {
                    Log.warnf("channel %s: relayed the first %d Discord messages posted while the bridge was away"
                            + " (WFCHAT_DISCORD_BACKFILL_LIMIT); the later ones from that time stay in Discord only",
                            channelId, backfillLimit);
                    more = false;
                    break;
                }
            }
        }
        int deletes = 0;
        for (String id : relayed.keySet()) {
            if (!seen.contains(id) && Snowflakes.compare(id, watermark) <= 0 && Snowflakes.compare(id, from) >= 0) {
                steps.deleted(channelId, id);
                deletes++;
            }
        }
        if (fresh + edits + deletes > 0) {
            Log.infof("channel %s: relayed %d Discord messages, %d edits and %d deletes made while the bridge was away",
                    channelId, fresh, edits, deletes);
        }
    }

    /** Discord's ids: unsigned 64-bit numbers, compared as such. */
    static final class Snowflakes {
        private Snowflakes() {
        }

        static int compare(String a, String b) {
            return Long.compareUnsigned(Long.parseUnsignedLong(a), Long.parseUnsignedLong(b));
        }

        static String min(String a, String b) {
            return compare(a, b) <= 0 ? a : b;
        }

        /** The id just before: asking for messages after it includes this one. */
        static String before(String id) {
            return Long.toUnsignedString(Long.parseUnsignedLong(id) - 1);
        }
    }
}
