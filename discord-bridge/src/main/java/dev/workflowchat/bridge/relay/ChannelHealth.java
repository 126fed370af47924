package dev.workflowchat.bridge.relay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How each mapped channel fares web → Discord: healthy until Discord refuses a message for good (a
 * permission, a channel gone), healthy again at the next message it takes. Shown as the gauges
 * {@code wfchat_bridge_channel_healthy{channel}} and {@code wfchat_bridge_channel_waiting{channel}} and in
 * readiness, so an operator sees which channel needs fixing and why.
 */
@ApplicationScoped
public class ChannelHealth {

    /** Why a channel is unhealthy, and since when. */
    public record Problem(String reason, Instant since) {
    }

    private final MeterRegistry registry;
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, Problem> problems = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> waiting = new ConcurrentHashMap<>();
    private volatile Runnable onChange = () -> { };

    public ChannelHealth(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers a mapped channel: its gauges exist (healthy, nothing waiting) before anything happens. */
    public void watch(String discordChannelId, String webChannel) {
        names.put(discordChannelId, webChannel);
        AtomicInteger count = waiting.computeIfAbsent(discordChannelId, id -> new AtomicInteger());
        Gauge.builder("wfchat.bridge.channel.healthy", problems, all -> all.containsKey(discordChannelId) ? 0 : 1)
                .tag("channel", webChannel).strongReference(true).register(registry);
        Gauge.builder("wfchat.bridge.channel.waiting", count, AtomicInteger::get)
                .tag("channel", webChannel).strongReference(true).register(registry);
    }

    void healthy(String discordChannelId) {
        if (problems.remove(discordChannelId) != null) {
            Log.infof("Discord takes the messages of #%s again", nameOf(discordChannelId));
            onChange.run();
        }
    }

    void unhealthy(String discordChannelId, String reason) {
        Problem before = problems.put(discordChannelId, new Problem(reason, Instant.now()));
        if (before == null || !before.reason().equals(reason)) {
            Log.warnf("Discord refuses the messages of #%s (channel %s): %s; they go to the dead letters until it is fixed",
                    nameOf(discordChannelId), discordChannelId, reason);
            onChange.run();
        }
    }

    /** Told (on the caller's thread: it must only hand over) whenever a channel turns unhealthy or healthy. */
    public void onChange(Runnable listener) {
        this.onChange = listener;
    }

    void waiting(String discordChannelId, long count) {
        waiting.computeIfAbsent(discordChannelId, id -> new AtomicInteger()).set((int) Math.min(Integer.MAX_VALUE, count));
    }

    /** Web channel name → its problem, for every unhealthy channel. */
    public Map<String, Problem> problems() {
        Map<String, Problem> byName = new TreeMap<>();
        problems.forEach((id, problem) -> byName.put(nameOf(id), problem));
        return byName;
    }

    String nameOf(String discordChannelId) {
        return names.getOrDefault(discordChannelId, discordChannelId);
    }
}
