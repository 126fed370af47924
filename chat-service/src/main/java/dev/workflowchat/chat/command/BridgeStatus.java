package dev.workflowchat.chat.command;

import dev.workflowchat.bus.Reconnect;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.model.BridgeHealth;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The Discord bridge's part of {@code /status}: a line per mapped channel Discord refuses messages of, read from
 * the report the bridge keeps fresh under {@link RedisNames#bridgeHealth()}. No report (no bridge, or one that
 * stopped) or an unreadable one: nothing, since {@code /status} must answer whatever the bridge does.
 */
@ApplicationScoped
public class BridgeStatus {

    private final ReactiveValueCommands<String, String> values;
    private final String key;

    public BridgeStatus(ReactiveRedisDataSource redis, RedisNames names) {
        this.values = redis.value(String.class, String.class);
        this.key = names.bridgeHealth();
    }

    /** {@code "- ⚠️ Discord #…"} lines, one per unhealthy channel; empty when all relay or no bridge reports. */
    public Uni<List<String>> lines() {
        return Reconnect.bounded(values.get(key), "GET bridge health")
                .map(BridgeStatus::linesOf)
                .onFailure().recoverWithItem(failure -> {
                    Log.debugf("the bridge's health was not read: %s", failure.getMessage());
                    return List.of();
                });
    }

    static List<String> linesOf(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            BridgeHealth health = ProtocolJson.mapper().readValue(json, BridgeHealth.class);
            return health.unhealthy().stream()
                    .filter(problem -> problem.channel() != null)
                    .map(problem -> "- ⚠️ Discord bridge: **#" + problem.channel() + "** is not relayed to Discord"
                            + since(problem.since()) + ": " + (problem.reason() == null ? "refused" : problem.reason()))
                    .toList();
        } catch (IOException e) {
            Log.warnf("the Discord bridge's health report is unreadable: %s", e.getMessage());
            return List.of();
        }
    }

    private static String since(Instant since) {
        return since == null ? "" : " since " + since.truncatedTo(ChronoUnit.SECONDS);
    }
}
