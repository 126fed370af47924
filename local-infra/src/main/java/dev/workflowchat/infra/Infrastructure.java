package dev.workflowchat.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import redis.embedded.RedisServer;

/**
 * A PostgreSQL server and a Redis server to use: the local ones when they answer on their
 * default ports, else (for tests) Testcontainers when Docker is there, else embedded ones from
 * Maven Central. Closing it stops only what it started.
 */
public final class Infrastructure implements AutoCloseable {

    public static final PostgresEndpoint LOCAL_POSTGRES =
            new PostgresEndpoint("127.0.0.1", 5432, "postgres", env("PGUSER", "postgres"), System.getenv("PGPASSWORD"));
    public static final RedisEndpoint LOCAL_REDIS = new RedisEndpoint("127.0.0.1", 6379);

    private final PostgresEndpoint postgres;
    private final RedisEndpoint redis;
    private final String postgresOrigin;
    private final String redisOrigin;
    private final Deque<AutoCloseable> started;

    private Infrastructure(PostgresEndpoint postgres, String postgresOrigin, RedisEndpoint redis, String redisOrigin,
                           Deque<AutoCloseable> started) {
        this.postgres = postgres;
        this.postgresOrigin = postgresOrigin;
        this.redis = redis;
        this.redisOrigin = redisOrigin;
        this.started = started;
    }

    /** For a test run: throwaway servers when the local ones don't answer. */
    public static Infrastructure forTests() {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            Path scratch = Files.createTempDirectory("wfchat-test-");
            boolean docker = false;
            String postgresOrigin;
            PostgresEndpoint postgres;
            if (Probe.postgresAnswers(LOCAL_POSTGRES)) {
                postgres = LOCAL_POSTGRES;
                postgresOrigin = "local PostgreSQL on 127.0.0.1:5432";
            } else if (docker = dockerAvailable()) {
                postgres = startContainerPostgres(started);
                postgresOrigin = "PostgreSQL in a Testcontainers container";
            } else {
                postgres = startEmbeddedPostgres(scratch.resolve("postgres"), 0, true, started);
                postgresOrigin = "embedded PostgreSQL";
            }
            String redisOrigin;
            RedisEndpoint redis;
            if (Probe.redisAnswers(LOCAL_REDIS)) {
                redis = LOCAL_REDIS;
                redisOrigin = "local Redis on 127.0.0.1:6379";
            } else if (docker || dockerAvailable()) {
                redis = startContainerRedis(started);
                redisOrigin = "Redis in a Testcontainers container";
            } else {
                redis = startEmbeddedRedis(scratch.resolve("redis"), FreePort.find(), false, started);
                redisOrigin = "embedded Redis";
            }
            return new Infrastructure(postgres, postgresOrigin, redis, redisOrigin, started);
        } catch (IOException | RuntimeException e) {
            closeAll(started);
            throw new IllegalStateException("cannot find or start PostgreSQL and Redis for the tests: " + e.getMessage(), e);
        }
    }

    /**
     * For the run command: the local servers when they answer, else embedded ones whose data
     * stays under {@code dataDir} so a restart keeps the chat. A server the environment
     * already names ({@code findPostgres}/{@code findRedis} false) is left alone.
     */
    public static Infrastructure forRun(Path dataDir, boolean findPostgres, boolean findRedis,
                                        int embeddedPostgresPort, int embeddedRedisPort) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            String postgresOrigin = "PostgreSQL from the environment";
            PostgresEndpoint postgres = null;
            if (findPostgres && Probe.postgresAnswers(LOCAL_POSTGRES)) {
                postgres = LOCAL_POSTGRES;
                postgresOrigin = "local PostgreSQL on 127.0.0.1:5432";
            } else if (findPostgres) {
                postgres = startEmbeddedPostgres(dataDir.resolve("postgres"), embeddedPostgresPort, false, started);
                postgresOrigin = "embedded PostgreSQL, data in " + dataDir.resolve("postgres");
            }
            String redisOrigin = "Redis from the environment";
            RedisEndpoint redis = null;
            if (findRedis && Probe.redisAnswers(LOCAL_REDIS)) {
                redis = LOCAL_REDIS;
                redisOrigin = "local Redis on 127.0.0.1:6379";
            } else if (findRedis) {
                redis = startEmbeddedRedis(dataDir.resolve("redis"), embeddedRedisPort, true, started);
                redisOrigin = "embedded Redis, data in " + dataDir.resolve("redis");
            }
            return new Infrastructure(postgres, postgresOrigin, redis, redisOrigin, started);
        } catch (IOException | RuntimeException e) {
            closeAll(started);
            throw new IllegalStateException("cannot find or start PostgreSQL and Redis: " + e.getMessage(), e);
        }
    }

    /** Embedded servers only, whatever else answers: proves the fallback of a machine with only a JDK. */
    static Infrastructure embedded(Path scratch) throws IOException {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            PostgresEndpoint postgres = startEmbeddedPostgres(scratch.resolve("postgres"), 0, true, started);
            RedisEndpoint redis = startEmbeddedRedis(scratch.resolve("redis"), FreePort.find(), false, started);
            return new Infrastructure(postgres, "embedded PostgreSQL", redis, "embedded Redis", started);
        } catch (IOException | RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /**
     * The server, connected to its maintenance database; use {@link #createDatabase} for one of
     * your own. Null when the environment names the database.
     */
    public PostgresEndpoint postgres() {
        return postgres;
    }

    /** Null when the environment names Redis. */
    public RedisEndpoint redis() {
        return redis;
    }

    public String describe() {
        return postgresOrigin + "; " + redisOrigin;
    }

    public PostgresEndpoint createDatabase(String database) {
        Databases.createIfMissing(postgres, database);
        return postgres.withDatabase(database);
    }

    public void dropDatabase(String database) {
        Databases.drop(postgres, database);
    }

    /**
     * Removes every Redis key that starts with {@code prefix + ":"}: a run's streams (a benchmark's
     * hold hundreds of thousands of entries) would otherwise stay in the shared Redis's memory.
     */
    public void dropRedisKeys(String prefix) {
        try (RawRedis redis = RawRedis.connect(this.redis.uri())) {
            String cursor = "0";
            do {
                List<?> page = (List<?>) redis.call("SCAN", cursor, "MATCH", prefix + ":*", "COUNT", "1000");
                cursor = (String) page.get(0);
                List<?> keys = (List<?>) page.get(1);
                if (!keys.isEmpty()) {
                    List<String> command = new ArrayList<>(List.of("UNLINK"));
                    keys.forEach(key -> command.add((String) key));
                    redis.call(command.toArray(String[]::new));
                }
            } while (!"0".equals(cursor));
        } catch (IOException | RuntimeException e) {
            System.err.println("[infra] could not remove the Redis keys of " + prefix + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closeAll(started);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static PostgresEndpoint startContainerPostgres(Deque<AutoCloseable> started) {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
        container.start();
        started.push(container::stop);
        return new PostgresEndpoint(container.getHost(), container.getFirstMappedPort(), "postgres",
                container.getUsername(), container.getPassword());
    }

    private static RedisEndpoint startContainerRedis(Deque<AutoCloseable> started) {
        GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        container.start();
        started.push(container::stop);
        return new RedisEndpoint(container.getHost(), container.getFirstMappedPort());
    }

    private static PostgresEndpoint startEmbeddedPostgres(Path dataDir, int port, boolean throwaway,
                                                          Deque<AutoCloseable> started) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(throwaway)
                .setPGStartupWait(Duration.ofSeconds(60));
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres server = builder.start();
        started.push(server);
        return new PostgresEndpoint("127.0.0.1", server.getPort(), "postgres", "postgres", null);
    }

    private static RedisEndpoint startEmbeddedRedis(Path dataDir, int port, boolean durable,
                                                    Deque<AutoCloseable> started) throws IOException {
        Files.createDirectories(dataDir);
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + dataDir.toAbsolutePath())
                .setting("appendonly " + (durable ? "yes" : "no"))
                .setting("save \"\"")
                .build();
        server.start();
        started.push(server::stop);
        return new RedisEndpoint("127.0.0.1", port);
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("stopping a server failed: " + e.getMessage());
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
