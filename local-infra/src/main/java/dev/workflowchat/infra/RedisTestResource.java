package dev.workflowchat.infra;

import java.util.Map;

/**
 * {@link TestRunResource} for a service without a database (the discord-bridge): only this run's
 * Redis and key prefix, so the service is not handed datasource keys it does not know.
 */
public class RedisTestResource extends TestRunResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        return Map.of("quarkus.redis.hosts", config.get("quarkus.redis.hosts"),
                "wfchat.redis.prefix", config.get("wfchat.redis.prefix"));
    }
}
