package dev.workflowchat.chat.websocket;

import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.config.WebSocketSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each person's sockets on this replica: how many are open (at most
 * {@code wfchat.websocket.max-connections-per-user}) and one frame limiter they share, so opening
 * more sockets neither holds more of the server nor sends faster; and each socket's own limiter.
 */
@ApplicationScoped
public class UserConnections {

    private final Map<String, PerUser> users = new ConcurrentHashMap<>();
    private final int maxPerUser;
    private final int framesPerSecond;
    private final int frameBurst;
    private final WebSocketSettings limits;

    public UserConnections(ChatConfig config) {
        this.limits = config.websocket();
        this.maxPerUser = limits.maxConnectionsPerUser();
        this.framesPerSecond = limits.userFramesPerSecond();
        this.frameBurst = limits.userFrameBurst();
    }

    /** The limiter of one connection's own frames. */
    FrameRateLimiter newConnectionLimiter() {
        return new FrameRateLimiter(limits.framesPerSecond(), limits.frameBurst(), System.nanoTime());
    }

    /** Whether the person may open one more socket (checked at the upgrade, before it is counted). */
    boolean mayOpen(String username) {
        PerUser user = users.get(username);
        return user == null || user.open < maxPerUser;
    }

    /**
     * Counts a socket that opened; the person's shared limiter, or null when this one is over the
     * limit after all (sockets upgraded at the same moment) and must be closed.
     */
    FrameRateLimiter opened(String username) {
        PerUser user = users.compute(username, (name, known) -> {
            PerUser counted = known == null ? new PerUser(new FrameRateLimiter(framesPerSecond, frameBurst,
                    System.nanoTime())) : known;
            counted.open++;
            return counted;
        });
        return user.open > maxPerUser ? null : user.limiter;
    }

    void closed(String username) {
        users.computeIfPresent(username, (name, user) -> --user.open <= 0 ? null : user);
    }

    int openOf(String username) {
        PerUser user = users.get(username);
        return user == null ? 0 : user.open;
    }

    /** Changed only inside the map's compute, one at a time per person. */
    private static final class PerUser {
        private final FrameRateLimiter limiter;
        private volatile int open;

        PerUser(FrameRateLimiter limiter) {
            this.limiter = limiter;
        }
    }
}
