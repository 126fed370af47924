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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The built chat-service jar run as a real process, as a deployment runs it, for multi-process tests. */
public final class ChatServiceProcess implements AutoCloseable {

    // from the chat-service module and from others (the bridge's, the demo's tests) alike
    private static final Path JAR = ModuleJars.quarkusApp("chat-service");
    private static final Pattern HEAP_USED =
            Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+-]+)");

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

    /** Where {@code /q/*} is served: the management port, never the port people use. */
    public URI management() {
        return URI.create(process.managementBase());
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
        return health("ready");
    }

    /**
     * Whether readiness says the service works without Redis (ready, {@code degraded} in the
     * detail of its "Redis" check); false when it does not answer.
     */
    public boolean degradedWithoutRedis() {
        try {
            var ready = io.restassured.RestAssured.given().baseUri(management().toString()).get("/q/health/ready");
            return ready.statusCode() == 200
                    && "true".equals(ready.jsonPath().getString("checks.find { it.name == 'Redis' }.data.degraded"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** What {@code /q/metrics} says now (Prometheus text). */
    public String metrics() {
        return io.restassured.RestAssured.given().baseUri(management().toString()).get("/q/metrics").asString();
    }

    /** The status of {@code /q/health/live}, or -1 when it does not answer. */
    public int liveness() {
        return health("live");
    }

    private int health(String check) {
        try {
            return io.restassured.RestAssured.given().baseUri(management().toString()).get("/q/health/" + check).statusCode();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * The heap in use right after a full GC ({@code jcmd GC.run}), from {@code /q/metrics}: what
     * the process really holds.
     */
    public long liveHeapAfterGc() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), String.valueOf(process.process().pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(60, TimeUnit.SECONDS)) {
            gc.destroyForcibly();
            throw new IllegalStateException("jcmd GC.run did not finish in 60 s");
        }
        String metrics = metrics();
        Matcher matcher = HEAP_USED.matcher(metrics);
        double total = 0;
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        if (total <= 0) {
            throw new IllegalStateException("no heap figures in /q/metrics");
        }
        return (long) total;
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
