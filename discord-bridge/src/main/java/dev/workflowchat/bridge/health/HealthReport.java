package dev.workflowchat.bridge.health;

import dev.workflowchat.bridge.relay.ChannelHealth;
import dev.workflowchat.bus.Reconnect;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.model.BridgeHealth;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes the channels' health to {@link RedisNames#bridgeHealth()} for the chat's {@code /status}: at once when
 * a channel's health changes and every few seconds besides, with a TTL a few times longer, so a bridge that
 * stopped leaves no stale report behind.
 */
@ApplicationScoped
public class HealthReport {

    static final Duration EVERY = Duration.ofSeconds(5);
    static final Duration KEPT = Duration.ofSeconds(30);

    private final ChannelHealth health;
    private final ReactiveValueCommands<String, String> values;
    private final String key;
    private volatile ScheduledExecutorService timer;

    public HealthReport(ChannelHealth health, ReactiveRedisDataSource redis, RedisNames names) {
        this.health = health;
        this.values = redis.value(String.class, String.class);
        this.key = names.bridgeHealth();
    }

    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "discord-health-report");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::write, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        health.onChange(() -> {
            try {
                timer.execute(this::write);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the bridge is stopping: the report expires by itself
            }
        });
    }

    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void write() {
        List<BridgeHealth.ChannelProblem> unhealthy = health.problems().entrySet().stream()
                .map(entry -> new BridgeHealth.ChannelProblem(entry.getKey(), entry.getValue().reason(), entry.getValue().since()))
                .toList();
        try {
            String json = ProtocolJson.mapper().writeValueAsString(new BridgeHealth(Instant.now(), unhealthy));
            Reconnect.bounded(values.set(key, json, new SetArgs().ex(KEPT)), "SET bridge health")
                    .await().atMost(KEPT);
        } catch (Exception e) {
            // the next round tries again; /status says nothing of the bridge meanwhile
            Log.debugf("the bridge's health was not written: %s", e.getMessage());
        }
    }
}
