package dev.workflowchat.chat.websocket;

import dev.workflowchat.chat.ChatUser;
import io.quarkus.websockets.next.UserData;

/**
 * What the server keeps about one open connection: who, under which login session, how fast it
 * sends, and when the session was last found live ({@code checkedAt}, {@link System#nanoTime()}).
 */
public record ClientSession(ChatUser user, String tokenHash, FrameRateLimiter limiter, long checkedAt) {

    static final UserData.TypedKey<ClientSession> KEY = new UserData.TypedKey<>("wfchat.session");

    /** The same connection, its session found live just now with the user as they are now. */
    ClientSession rechecked(ChatUser current, long nowNanos) {
        return new ClientSession(current, tokenHash, limiter, nowNanos);
    }
}
