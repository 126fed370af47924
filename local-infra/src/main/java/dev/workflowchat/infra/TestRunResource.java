package dev.workflowchat.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a Quarkus service under test at this run's own database and Redis key prefix, on the
 * servers {@link TestRun} found (local, Testcontainers or embedded): the one test setup of every
 * service ({@code @WithTestResource(TestRunResource.class)}); {@link RedisTestResource} for a service
 * without a database.
 */
public class TestRunResource implements QuarkusTestResourceLifecycleManager {

    private TestRun run;

    @Override
    public Map<String, String> start() {
        run = TestRun.start();
        System.out.println("[test] using " + run.describe());
        return run.quarkusConfig();
    }

    @Override
    public void stop() {
        if (run != null) {
            run.close();
        }
    }
}
