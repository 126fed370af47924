package dev.workflowchat.chat.support;

import dev.workflowchat.infra.TestRunResource;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared test setup ({@link TestRunResource}: this run's own database and Redis prefix), and
 * the first admin the chat-service makes at start.
 */
public class TestServices extends TestRunResource {

    public static final String ADMIN_PASSWORD = "admin-test-password";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("wfchat.admin.username", "admin");
        config.put("wfchat.admin.password", ADMIN_PASSWORD);
        return config;
    }
}
