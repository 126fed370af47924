package dev.workflowchat.chat.websocket;

import dev.workflowchat.chat.ChatUser;
import io.quarkus.websockets.next.UserData;
import java.util.Set;

/**
 * What the server keeps about one open connection: who, under which login session, how fast it
 * sends, when the session was last found live ({@code checkedAt}, {@link System#nanoTime()}), and
 * the optional protocol features the client asked for at the upgrade ({@code ?features=…}).
 */
public record ClientSession(ChatUser user, String tokenHash, FrameRateLimiter limiter, long checkedAt,
                            Set<String> features) {

    static final UserData.TypedKey<ClientSession> KEY = new UserData.TypedKey<>("wfchat.session");
    /** Reactions pushed as what changed ({@code reaction.added}/{@code reaction.removed}), not the whole map. */
    public static final String REACTION_DELTAS = "reaction_deltas";

    /** The same connection, its session found live just now with the user as they are now. */
    ClientSession rechecked(ChatUser current, long nowNanos) {
        return new ClientSession(current, tokenHash, limiter, nowNanos, features);
    }

    boolean wants(String feature) {
        return features.contains(feature);
    }
}
