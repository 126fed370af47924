package dev.workflowchat.agent;

import dev.workflowchat.infra.RedisEndpoint;
import dev.workflowchat.infra.TestRun;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One real Redis (local, container or embedded) and one key prefix for every test class of the run. */
final class SharedRedis implements BeforeAllCallback {

    private static final AtomicInteger AGENTS = new AtomicInteger();
    private static volatile TestRun run;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedRedis.class.getName(), key -> {
                    run = TestRun.start();
                    System.out.println("agent-client tests use " + run.describe());
                    return run;
                });
    }

    static String uri() {
        return run.redis().uri();
    }

    static RedisEndpoint endpoint() {
        return run.redis();
    }

    static String prefix() {
        return run.redisPrefix();
    }

    /** A fresh agent name, so tests never read each other's streams. */
    static String agent(String role) {
        return role + "-" + AGENTS.incrementAndGet();
    }

    static AgentClient connect(String agent) {
        return AgentClient.connect(uri(), prefix(), agent);
    }

    static ChatSimulator chat(String agent) {
        return new ChatSimulator(uri(), prefix(), agent);
    }
}
