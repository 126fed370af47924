package dev.workflowchat.bench;

import dev.workflowchat.infra.FreePort;
import dev.workflowchat.infra.ModuleJars;
import dev.workflowchat.infra.PostgresEndpoint;
import dev.workflowchat.infra.ServiceProcess;
import dev.workflowchat.infra.TestRun;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The chat-service under load. By default the bench starts one itself, from the built jar, on a
 * database and Redis prefix of its own (as a test run does), so it knows the process to measure.
 * With {@code --url} it measures one already running instead.
 */
final class Target implements AutoCloseable {

    /**
     * The chat-service's JVM options unless {@code --server-java-opts} says otherwise: the collector of
     * its image (its {@code Dockerfile.jvm}, which {@code TargetTest} holds this to), the heap of its
     * 1 GiB container.
     */
    static final String DEFAULT_SERVER_JAVA_OPTS = "-Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=50";

    private final URI base;
    private final URI management;
    private final String redisUri;
    private final String prefix;
    private final String adminPassword;
    private final String jdbcUrl;
    private final OptionalLong pid;
    private final Path log;
    private final ServiceProcess process;
    private final TestRun run;

    private Target(URI base, URI management, String redisUri, String prefix, String adminPassword, String jdbcUrl,
                   OptionalLong pid, Path log, ServiceProcess process, TestRun run) {
        this.base = base;
        this.management = management;
        this.redisUri = redisUri;
        this.prefix = prefix;
        this.adminPassword = adminPassword;
        this.jdbcUrl = jdbcUrl;
        this.pid = pid;
        this.log = log;
        this.process = process;
        this.run = run;
    }

    static Target of(Options options, Path reportDir) throws IOException, InterruptedException {
        if (options.has("url")) {
            URI base = URI.create(options.text("url"));
            // the service's /q/* is on its management port: by default 920 above its HTTP port (8080 → 9000)
            URI management = URI.create(options.text("management-url", base.getScheme() + "://" + base.getHost() + ":"
                    + ((base.getPort() < 0 ? 80 : base.getPort()) + 920)));
            return new Target(base, management, options.text("redis", "redis://127.0.0.1:6379"),
                    options.text("redis-prefix", "wfchat"), options.text("admin-password"),
                    options.text("jdbc-url", null),
                    options.has("server-pid") ? OptionalLong.of(Long.parseLong(options.text("server-pid")))
                            : OptionalLong.empty(), null, null, null);
        }
        return start(options.text("server-java-opts", DEFAULT_SERVER_JAVA_OPTS), reportDir);
    }

    private static Target start(String javaOptions, Path reportDir) throws IOException, InterruptedException {
        TestRun run = TestRun.start();
        String adminPassword = "bench-" + UUID.randomUUID();
        PostgresEndpoint database = run.database();
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl());
        environment.put("QUARKUS_DATASOURCE_USERNAME", database.user());
        environment.put("QUARKUS_DATASOURCE_PASSWORD", database.password() == null ? "" : database.password());
        environment.put("QUARKUS_REDIS_HOSTS", run.redis().uri());
        environment.put("WFCHAT_REDIS_PREFIX", run.redisPrefix());
        environment.put("WFCHAT_ADMIN_PASSWORD", adminPassword);
        // the bench's few users hold many sockets each (10,000 connections from 50 users): the
        // per-person limit, a guard against one person's runaway tabs, is not what is measured
        environment.put("WFCHAT_WEBSOCKET_MAX_CONNECTIONS_PER_USER", "100000");
        // nor is the limit of new channels a minute: a warm-up pass and the measured one each make theirs
        environment.put("WFCHAT_CHANNELS_CREATED_PER_MINUTE", "100000");
        // the java launcher reads these, as a container's JAVA_OPTS would pass them
        environment.put("JDK_JAVA_OPTIONS", javaOptions);
        Files.createDirectories(reportDir);
        Path log = reportDir.resolve("chat-service.log");
        Files.deleteIfExists(log);
        ServiceProcess process = new ServiceProcess("chat-service", ModuleJars.quarkusApp("chat-service"), FreePort.find());
        process.start(environment, log);
        if (!process.awaitReady(Duration.ofSeconds(90))) {
            process.stop(Duration.ofSeconds(5));
            run.close();
            throw new IllegalStateException("the chat-service did not become ready; see " + log);
        }
        String jdbcUrl = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "user=" + database.user()
                + (database.password() == null || database.password().isEmpty() ? "" : "&password=" + database.password());
        return new Target(URI.create("http://127.0.0.1:" + process.port()), URI.create(process.managementBase()),
                run.redis().uri(), run.redisPrefix(),
                adminPassword, jdbcUrl, OptionalLong.of(process.process().pid()), log, process, run);
    }

    URI base() {
        return base;
    }

    /** Where the service's {@code /q/*} (metrics) is served. */
    URI management() {
        return management;
    }

    String redisUri() {
        return redisUri;
    }

    /** A Redis name with the run's prefix, e.g. {@code in} → {@code wfchat:in}. */
    String redisName(String suffix) {
        return prefix + ":" + suffix;
    }

    String adminPassword() {
        return adminPassword;
    }

    /** JDBC URL of the chat's database (user and password included), for seeding history; null if unknown. */
    String jdbcUrl() {
        return jdbcUrl;
    }

    OptionalLong pid() {
        return pid;
    }

    /** The server's log when the bench started it, else null. */
    Path log() {
        return log;
    }

    String describe() {
        return process == null ? "chat-service at " + base : "chat-service started by the bench on " + run.describe();
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop(Duration.ofSeconds(20));
        }
        if (run != null) {
            run.close();
        }
    }
}
