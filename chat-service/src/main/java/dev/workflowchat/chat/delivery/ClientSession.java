package dev.workflowchat.chat.delivery;

import dev.workflowchat.chat.ChatUser;
import io.quarkus.websockets.next.UserData;
import java.util.Set;

/**
 * What the server keeps about one open connection: who, under which login session, when the
 * session was last found live ({@code checkedAt}, {@link System#nanoTime()}), and the optional
 * protocol features the client asked for at the upgrade ({@code ?features=…}). What may be pushed
 * to it follows from the person; what it is pushed, from the features.
 */
public record ClientSession(ChatUser user, String tokenHash, long checkedAt, Set<String> features) {

    public static final UserData.TypedKey<ClientSession> KEY = new UserData.TypedKey<>("wfchat.session");
    /** Reactions pushed as what changed ({@code reaction.added}/{@code reaction.removed}), not the whole map. */
    public static final String REACTION_DELTAS = "reaction_deltas";

    /** The same connection, its session found live just now with the user as they are now. */
    public ClientSession rechecked(ChatUser current, long nowNanos) {
        return new ClientSession(current, tokenHash, nowNanos, features);
    }

    boolean wants(String feature) {
        return features.contains(feature);
    }
}
