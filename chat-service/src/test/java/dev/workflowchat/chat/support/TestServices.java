package dev.workflowchat.chat.support;

import dev.workflowchat.infra.TestRun;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points the service under test at this run's own database and Redis prefix, on the local
 * servers, Testcontainers or embedded ones (see {@link TestRun}).
 */
public class TestServices implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_PASSWORD = "admin-test-password";

    private TestRun run;

    @Override
    public Map<String, String> start() {
        run = TestRun.start();
        System.out.println("[test] using " + run.describe());
        Map<String, String> config = new HashMap<>(run.quarkusConfig());
        config.put("wfchat.admin.username", "admin");
        config.put("wfchat.admin.password", ADMIN_PASSWORD);
        return config;
    }

    @Override
    public void stop() {
        if (run != null) {
            run.close();
        }
    }
}
