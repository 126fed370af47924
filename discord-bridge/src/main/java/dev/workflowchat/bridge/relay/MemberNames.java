package dev.workflowchat.bridge.relay;

import dev.workflowchat.bridge.discord.DiscordClient;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The guild's names for people a message names but did not describe (a mention of someone it carried no member
 * for, the author of a message fetched over REST): asked of Discord one member at a time and remembered a
 * while, answers "no such member" included. Only the Discord → web worker asks, one question at a time.
 */
final class MemberNames {

    /** Questions to Discord per message at most: a message of a thousand unknown mentions must not stall the relay. */
    static final int LOOKUPS_PER_MESSAGE = 5;
    private static final Duration KEPT = Duration.ofMinutes(10);
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int MAX_REMEMBERED = 5_000;

    private final DiscordClient discord;
    private final Map<String, Remembered> remembered = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    MemberNames(DiscordClient discord) {
        this.discord = discord;
    }

    /** A budget of questions for one message. */
    Budget budget() {
        return new Budget();
    }

    private record Remembered(Optional<String> name, Instant at) {
    }

    final class Budget {
        private int left = LOOKUPS_PER_MESSAGE;

        /** The member's name if known or (while the budget lasts) Discord says; empty otherwise. */
        Optional<String> of(String userId) {
            Remembered known = remembered.get(userId);
            if (known != null && known.at().plus(KEPT).isAfter(Instant.now())) {
                return known.name();
            }
            if (left <= 0) {
                return Optional.empty();
            }
            left--;
            try {
                Optional<String> name = discord.memberName(userId).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                remembered.put(userId, new Remembered(name, Instant.now()));
                return name;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (Exception e) {
                // not remembered: the next message asks again
                Log.debugf("could not ask Discord for member %s: %s", userId, e.getMessage());
                return Optional.empty();
            }
        }
    }
}
