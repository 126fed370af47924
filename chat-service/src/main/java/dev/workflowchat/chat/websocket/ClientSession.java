package dev.workflowchat.chat.websocket;

import dev.workflowchat.chat.ChatUser;
import io.quarkus.websockets.next.UserData;

/** What the server keeps about one open connection: who, under which login session, and how fast it sends. */
public record ClientSession(ChatUser user, String tokenHash, FrameRateLimiter limiter) {

    static final UserData.TypedKey<ClientSession> KEY = new UserData.TypedKey<>("wfchat.session");
}
