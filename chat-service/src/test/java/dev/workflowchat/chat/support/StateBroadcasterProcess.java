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
import java.util.Map;

/** The built state-broadcaster jar run as a real process beside the chat-service under test. */
public final class StateBroadcasterProcess implements AutoCloseable {

    private static final Path JAR = ModuleJars.quarkusApp("state-broadcaster");

    private final ServiceProcess process;
    private final Path log;

    private StateBroadcasterProcess(ServiceProcess process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts one on the run's database (its own schema there) and Redis prefix, reaching Redis at {@code redis}. */
    public static StateBroadcasterProcess start(TestRun run, RedisEndpoint redis) throws IOException, InterruptedException {
        return start(run, redis, Map.of());
    }

    /** As {@link #start(TestRun, RedisEndpoint)}, with more settings ({@code WFCHAT_LEADER_LEASE}, …). */
    public static StateBroadcasterProcess start(TestRun run, RedisEndpoint redis, Map<String, String> settings)
            throws IOException, InterruptedException {
        ServiceProcess process = new ServiceProcess("state-broadcaster", JAR, FreePort.find());
        Path log = Files.createTempFile("wfchat-state-", ".log");
        PostgresEndpoint database = run.database();
        Map<String, String> environment = new java.util.HashMap<>(Map.of("QUARKUS_REDIS_HOSTS", redis.uri(), "WFCHAT_REDIS_PREFIX", run.redisPrefix(),
                "QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl(),
                "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", database.user(),
                "QUARKUS_DATASOURCE_PASSWORD", database.password() == null ? "" : database.password()));
        environment.putAll(settings); // the test's settings win (a reactive URL through PgBouncer, …)
        process.start(environment, log);
        if (!process.awaitReady(Duration.ofSeconds(60))) {
            process.stop(Duration.ofSeconds(5));
            throw new IllegalStateException("the state-broadcaster did not become ready:\n" + Files.readString(log));
        }
        return new StateBroadcasterProcess(process, log);
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + process.port());
    }

    /** The status of {@code /q/health/ready}, or -1 when it does not answer. */
    public int readiness() {
        try {
            return io.restassured.RestAssured.given().baseUri(process.managementBase()).get("/q/health/ready").statusCode();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * The sum of a Prometheus counter's samples whose labels include all of {@code labels}
     * (e.g. {@code origin="stream"}), 0 when there is none yet.
     */
    public double counter(String name, String... labels) {
        String metrics = io.restassured.RestAssured.given().baseUri(process.managementBase()).get("/q/metrics")
                .then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") && java.util.Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The role its readiness names: {@code leader}, {@code standby} or {@code starting}; empty when it does not answer. */
    public String role() {
        try {
            String body = io.restassured.RestAssured.given().baseUri(process.managementBase()).get("/q/health/ready").asString();
            java.util.regex.Matcher role = java.util.regex.Pattern.compile("\"role\"\\s*:\\s*\"(\\w+)\"").matcher(body);
            return role.find() ? role.group(1) : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The kill -9 of a crash. */
    public void kill() {
        process.kill();
    }

    /** SIGSTOP until {@link #resume()}. */
    public void pause() throws IOException, InterruptedException {
        process.pause();
    }

    public void resume() throws IOException, InterruptedException {
        process.resume();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status once it ended. */
    public int exitCode() {
        return process.process().exitValue();
    }

    /** Everything the process has logged so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }
}
