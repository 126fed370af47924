package dev.workflowchat.bridge.support;

import dev.workflowchat.infra.TestRun;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the bridge under test at this run's Redis prefix (local, Testcontainers or embedded Redis). */
public class BridgeRedisResource implements QuarkusTestResourceLifecycleManager {

    private TestRun run;

    @Override
    public Map<String, String> start() {
        run = TestRun.start();
        return Map.of("quarkus.redis.hosts", run.redis().uri(), "wfchat.redis.prefix", run.redisPrefix());
    }

    @Override
    public void stop() {
        if (run != null) {
            run.close();
        }
    }
}
