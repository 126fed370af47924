package dev.workflowchat.state.service;

import dev.workflowchat.infra.TestRun;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the service under test at this run's database and Redis prefix (local, Testcontainers or embedded servers). */
public class StateRedisResource implements QuarkusTestResourceLifecycleManager {

    private TestRun run;

    @Override
    public Map<String, String> start() {
        run = TestRun.start();
        return run.quarkusConfig();
    }

    @Override
    public void stop() {
        if (run != null) {
            run.close();
        }
    }
}
