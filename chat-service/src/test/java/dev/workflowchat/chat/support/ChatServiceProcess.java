package dev.workflowchat.chat.support;

import dev.workflowchat.infra.FreePort;
import dev.workflowchat.infra.ModuleJars;
import dev.workflowchat.infra.PostgresEndpoint;
import dev.workflowchat.infra.RedisEndpoint;
import dev.workflowchat.infra.ServiceProcess;
import dev.workflowchat.infra.TestRun;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The built chat-service jar run as a real process, as a deployment runs it, for multi-process tests. */
public final class ChatServiceProcess implements AutoCloseable {

    // from the chat-service module and from others (the bridge's, the demo's tests) alike
    private static final Path JAR = ModuleJars.quarkusApp("chat-service");

    private final ServiceProcess process;
    private final Path log;

    private ChatServiceProcess(ServiceProcess process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a replica on a free port against the run's database and the given Redis, and waits until ready. */
    public static ChatServiceProcess start(String name, TestRun run, RedisEndpoint redis, Map<String, String> extra)
            throws IOException, InterruptedException {
        ChatServiceProcess replica = startWithoutWaiting(name, run, redis, extra);
        if (!replica.process.awaitReady(Duration.ofSeconds(90))) {
            replica.close();
            throw new IllegalStateException(name + " did not become ready; its log: " + replica.log + "\n"
                    + tail(replica.log));
        }
        return replica;
    }

    public static ChatServiceProcess startWithoutWaiting(String name, TestRun run, RedisEndpoint redis,
                                                         Map<String, String> extra) throws IOException {
        return startWithoutWaiting(name, run.database(), redis, run.redisPrefix(), extra);
    }

    /** Starts a replica against any database, e.g. a PostgreSQL server the test owns and stops. */
    public static ChatServiceProcess start(String name, PostgresEndpoint database, RedisEndpoint redis, String prefix,
                                           Map<String, String> extra) throws IOException, InterruptedException {
        ChatServiceProcess replica = startWithoutWaiting(name, database, redis, prefix, extra);
        if (!replica.process.awaitReady(Duration.ofSeconds(90))) {
            replica.close();
            throw new IllegalStateException(name + " did not become ready:\n" + tail(replica.log));
        }
        return replica;
    }

    private static ChatServiceProcess startWithoutWaiting(String name, PostgresEndpoint database, RedisEndpoint redis,
                                                          String prefix, Map<String, String> extra) throws IOException {
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl());
        environment.put("QUARKUS_DATASOURCE_USERNAME", database.user());
        environment.put("QUARKUS_DATASOURCE_PASSWORD", database.password() == null ? "" : database.password());
        environment.put("QUARKUS_REDIS_HOSTS", redis.uri());
        environment.put("WFCHAT_REDIS_PREFIX", prefix);
        environment.put("WFCHAT_ADMIN_PASSWORD", TestServices.ADMIN_PASSWORD);
        environment.put("WFCHAT_REDIS_CONSUMER_NAME", name);
        environment.putAll(extra);
        Path log = Files.createTempFile("wfchat-" + name + "-", ".log");
        ServiceProcess process = new ServiceProcess(name, JAR, FreePort.find());
        process.start(environment, log);
        return new ChatServiceProcess(process, log);
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + process.port());
    }

    public int port() {
        return process.port();
    }

    public ServiceProcess process() {
        return process;
    }

    public String log() {
        return tail(log);
    }

    /** Everything the process has logged so far, from its first line (still readable after {@link #close()}). */
    public String wholeLog() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The status of {@code /q/health/ready}, or -1 when it does not answer. */
    public int readiness() {
        try {
            return io.restassured.RestAssured.given().baseUri(base().toString()).get("/q/health/ready").statusCode();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() <= 20_000 ? text : text.substring(text.length() - 20_000);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
