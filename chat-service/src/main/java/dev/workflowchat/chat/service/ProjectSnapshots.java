package dev.workflowchat.chat.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The workflow projects as the state-broadcaster keeps them in Redis: a project exists when it
 * has a snapshot key ({@code wfchat:state:snapshot:<project>}); the snapshot says whether it is
 * archived.
 */
@ApplicationScoped
public class ProjectSnapshots {

    private final ReactiveValueCommands<String, String> values;
    private final RedisNames names;

    public ProjectSnapshots(ReactiveRedisDataSource redis, RedisNames names) {
        this.values = redis.value(String.class, String.class);
        this.names = names;
    }

    /** A project's latest snapshot; empty when there is none (no such project, or Redis lost it). */
    public Uni<Optional<JsonNode>> of(String project) {
        return values.get(names.stateSnapshot(project)).map(json -> {
            try {
                return json == null ? Optional.<JsonNode>empty() : Optional.of(ProtocolJson.mapper().readTree(json));
            } catch (Exception e) {
                return Optional.<JsonNode>empty();
            }
        });
    }
}
