package dev.workflowchat.chat.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Who is typing where, for a few seconds after each typing notice. */
@ApplicationScoped
public class TypingTracker {

    static final Duration TYPING_LASTS = Duration.ofSeconds(6);

    private final Map<String, Map<String, Long>> typingUntilByChannel = new ConcurrentHashMap<>();

    /** Records that {@code user} types in {@code channel}; returns everyone typing there now. */
    public List<String> typing(String channel, String user, long nowNanos) {
        Map<String, Long> typists = typingUntilByChannel.computeIfAbsent(channel, ignored -> new ConcurrentHashMap<>());
        typists.put(user, nowNanos + TYPING_LASTS.toNanos());
        typists.values().removeIf(until -> until < nowNanos);
        forgetQuietChannels(nowNanos);
        return typists.keySet().stream().sorted().toList();
    }

    /** Channels where nobody typed lately are dropped, so the map holds only where people type now. */
    private void forgetQuietChannels(long nowNanos) {
        typingUntilByChannel.values().removeIf(typists -> typists.values().stream().allMatch(until -> until < nowNanos));
    }

    /** A message sent ends its author's typing; returns who still types, or null if nothing changed. */
    public List<String> stopped(String channel, String user, long nowNanos) {
        Map<String, Long> typists = typingUntilByChannel.get(channel);
        if (typists == null || typists.remove(user) == null) {
            return null;
        }
        typists.values().removeIf(until -> until < nowNanos);
        return typists.keySet().stream().sorted().toList();
    }
}
