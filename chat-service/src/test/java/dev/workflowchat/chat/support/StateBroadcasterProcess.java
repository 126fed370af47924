package dev.workflowchat.chat.support;

import dev.workflowchat.infra.FreePort;
import dev.workflowchat.infra.ModuleJars;
import dev.workflowchat.infra.RedisEndpoint;
import dev.workflowchat.infra.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The built state-broadcaster jar run as a real process beside the chat-service under test. */
public final class StateBroadcasterProcess implements AutoCloseable {

    private static final Path JAR = ModuleJars.quarkusApp("state-broadcaster");

    private final ServiceProcess process;

    private StateBroadcasterProcess(ServiceProcess process) {
        this.process = process;
    }

    public static StateBroadcasterProcess start(RedisEndpoint redis, String prefix) throws IOException, InterruptedException {
        ServiceProcess process = new ServiceProcess("state-broadcaster", JAR, FreePort.find());
        Path log = Files.createTempFile("wfchat-state-", ".log");
        process.start(Map.of("QUARKUS_REDIS_HOSTS", redis.uri(), "WFCHAT_REDIS_PREFIX", prefix), log);
        if (!process.awaitReady(Duration.ofSeconds(60))) {
            process.stop(Duration.ofSeconds(5));
            throw new IllegalStateException("the state-broadcaster did not become ready:\n" + Files.readString(log));
        }
        return new StateBroadcasterProcess(process);
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + process.port());
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }
}
