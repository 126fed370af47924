package dev.workflowchat.infra;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One test run's own PostgreSQL database and Redis key prefix, on whatever servers
 * {@link Infrastructure#forTests()} found, so runs never see each other's data; both are removed when
 * the run is closed.
 */
public final class TestRun implements AutoCloseable {

    private final Infrastructure infrastructure;
    private final String runId;
    private final PostgresEndpoint database;
    private final Set<String> otherPrefixes = ConcurrentHashMap.newKeySet();

    private TestRun(Infrastructure infrastructure, String runId) {
        this.infrastructure = infrastructure;
        this.runId = runId;
        this.database = infrastructure.createDatabase("wfchat_test_" + runId);
    }

    public static TestRun start() {
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
                + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        return new TestRun(Infrastructure.forTests(), runId);
    }

    public PostgresEndpoint database() {
        return database;
    }

    public RedisEndpoint redis() {
        return infrastructure.redis();
    }

    public String redisPrefix() {
        return "wfchat-test-" + runId;
    }

    /**
     * A second prefix of this run's, {@code <prefix>-<name>}, for a service that must not share the
     * others' keys (a bridge that would otherwise stand by behind this run's); its keys go with the run too.
     */
    public String redisPrefix(String name) {
        String other = redisPrefix() + "-" + name;
        otherPrefixes.add(other);
        return other;
    }

    public String describe() {
        return "database " + database.database() + " and Redis prefix " + redisPrefix() + " on " + infrastructure.describe();
    }

    /** The Quarkus configuration that points a service at this run's database and Redis. */
    public Map<String, String> quarkusConfig() {
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.reactive.url", database.reactiveUrl(),
                "quarkus.datasource.username", database.user(),
                "quarkus.datasource.password", database.password() == null ? "" : database.password(),
                "quarkus.redis.hosts", redis().uri(),
                "wfchat.redis.prefix", redisPrefix());
    }

    @Override
    public void close() {
        infrastructure.dropDatabase(database.database());
        infrastructure.dropRedisKeys(redisPrefix());
        otherPrefixes.forEach(infrastructure::dropRedisKeys);
        infrastructure.close();
    }
}
