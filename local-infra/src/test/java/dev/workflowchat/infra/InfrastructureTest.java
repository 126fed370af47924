package dev.workflowchat.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class InfrastructureTest {

    @Test
    void shouldStartEmbeddedPostgresAndRedisWhenNothingElseIsThere() throws Exception {
        Path scratch = Files.createTempDirectory("wfchat-infra-test-");
        PostgresEndpoint database;
        RedisEndpoint redis;
        try (Infrastructure embedded = Infrastructure.embedded(scratch)) {
            database = embedded.createDatabase("wfchat_embedded_check");
            redis = embedded.redis();
            assertThat(Probe.postgresAnswers(database)).isTrue();
            assertThat(Probe.redisAnswers(redis)).isTrue();
            assertThat(embedded.describe()).contains("embedded PostgreSQL").contains("embedded Redis");
        }
        assertThat(Probe.postgresAnswers(database)).isFalse();
        assertThat(Probe.redisAnswers(redis)).isFalse();
    }

    @Test
    void shouldGiveEachTestRunItsOwnDatabaseAndPrefixAndDropItAfter() {
        PostgresEndpoint database;
        try (TestRun first = TestRun.start(); TestRun second = TestRun.start()) {
            database = first.database();
            assertThat(first.database().database()).isNotEqualTo(second.database().database());
            assertThat(first.redisPrefix()).isNotEqualTo(second.redisPrefix());
            assertThat(Probe.postgresAnswers(database)).isTrue();
            assertThat(first.quarkusConfig()).containsEntry("quarkus.datasource.jdbc.url", database.jdbcUrl());
        }
        assertThat(Probe.postgresAnswers(database)).isFalse();
    }

    @Test
    void aRunsRedisKeysAreRemovedAndNoOthers() throws Exception {
        String prefix = "wfchat-infra-check-" + Long.toHexString(System.nanoTime());
        try (Infrastructure infrastructure = Infrastructure.forTests();
             RawRedis redis = RawRedis.connect(infrastructure.redis().uri())) {
            String outsider = "wfchat-infra-outsider-" + Long.toHexString(System.nanoTime());
            String lookalike = prefix + "-other:kept"; // the prefix, not followed by ':'
            redis.call("SET", outsider, "x");
            redis.call("SET", lookalike, "x");
            for (int i = 0; i < 2_500; i++) { // more than one SCAN page
                redis.call("SET", prefix + ":key:" + i, "x");
            }
            redis.call("XADD", prefix + ":in:stream", "*", "event", "{}");

            infrastructure.dropRedisKeys(prefix);

            assertThat((List<?>) redis.call("KEYS", prefix + ":*")).isEmpty();
            assertThat(redis.call("EXISTS", outsider, lookalike)).isEqualTo(2L);
            redis.call("DEL", outsider, lookalike);
        }
    }

    @Test
    void aRunsOtherPrefixesKeysGoWithIt() throws Exception {
        TestRun run = TestRun.start();
        String other = run.redisPrefix("second");
        try (RawRedis redis = RawRedis.connect(run.redis().uri())) {
            assertThat(other).startsWith(run.redisPrefix() + "-");
            redis.call("SET", run.redisPrefix() + ":key", "x");
            redis.call("SET", other + ":key", "x");

            run.close();

            assertThat(redis.call("EXISTS", run.redisPrefix() + ":key", other + ":key")).isEqualTo(0L);
        }
    }

    @Test
    void aPortIsNotFreeWhileAConnectionsLocalEndHoldsIt() throws Exception {
        // a Redis Cluster node failed to start when its bus port (port + 10000) was such a port
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            assertThat(FreePort.isFree(server.getLocalPort())).isFalse();
            assertThat(FreePort.isFree(client.getLocalPort())).isFalse();
        }
        assertThat(FreePort.isFree(FreePort.find())).isTrue();
    }

    @Test
    void probesSayNoQuicklyWhereNothingListens() {
        int closed = FreePort.find();
        assertThat(Probe.redisAnswers(new RedisEndpoint("127.0.0.1", closed))).isFalse();
        assertThat(Probe.postgresAnswers(new PostgresEndpoint("127.0.0.1", closed, "postgres", "postgres", null))).isFalse();
    }
}
