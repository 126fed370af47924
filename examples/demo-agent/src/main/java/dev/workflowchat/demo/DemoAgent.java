package dev.workflowchat.demo;

import dev.workflowchat.agent.AgentClient;
import java.util.logging.Logger;

/**
 * Runs the demo team against the Redis of a running Workflow Chat until Ctrl-C:
 * {@code java -cp "target/demo-agent.jar:target/lib/*" dev.workflowchat.demo.DemoAgent}.
 */
public final class DemoAgent {

    private static final Logger LOG = Logger.getLogger(DemoAgent.class.getName());

    private DemoAgent() {
    }

    public static void main(String[] args) throws InterruptedException {
        DemoConfig config = DemoConfig.fromEnvironment(System.getenv());
        String redisUri = config.needsSharedRedis() ? reachableRedis(config) : null;
        Crew crew = new Crew(config, redisUri);
        // Ctrl-C: withdraw what still waits for a person and go offline, so no card stays pending.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (crew.isRunning()) {
                // Not JUL: its own shutdown hook may already have closed the console handler.
                System.err.println("[demo] stopping the demo team: withdrawing open requests, going offline");
                crew.stop();
            }
        }, "demo-shutdown"));
        crew.start();
        McpDemoAgent.startIfConfigured(System.getenv(), config.channel());
        LOG.info("the demo team (orchestrator, design, code, qa) is talking in #" + config.channel()
                + (redisUri == null ? "" : " on " + redisUri.replaceFirst("//[^@/]*@", "//***@"))
                + (config.agentRedisUris().isEmpty() ? "" : ", " + config.agentRedisUris().keySet() + " each on its own URL")
                + " (prefix " + config.prefix() + "); Ctrl-C stops it");
        crew.awaitFinished();
        crew.stop();
    }

    /** The first configured Redis that answers; the demo is useless without one, so say which were tried. */
    private static String reachableRedis(DemoConfig config) {
        for (String uri : config.redisUris()) {
            try (AgentClient probe = AgentClient.connect(uri, config.prefix(), "orchestrator")) {
                return uri;
            } catch (IllegalStateException e) {
                LOG.fine("no Redis at " + uri + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("no Redis answers at " + config.redisUris().stream()
                .map(uri -> uri.replaceFirst("//[^@/]*@", "//***@")).toList()
                + ": start Workflow Chat first (./run.sh), or set QUARKUS_REDIS_HOSTS (or each agent's "
                + DemoConfig.AGENT_REDIS_URL + "<AGENT>)");
    }
}
