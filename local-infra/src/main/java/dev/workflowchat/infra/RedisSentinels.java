package dev.workflowchat.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Redis under Sentinel, all real processes a test owns: a master, a replica of it, and three sentinels
 * watching them (quorum 2, the master judged down after 1 s), so killing the master's process makes the
 * sentinels promote the replica as in production, only faster.
 */
public final class RedisSentinels implements AutoCloseable {

    public static final String MASTER_NAME = "wfchat";
    private static final Duration READY = Duration.ofSeconds(30);

    private final RedisProcess master;
    private final RedisProcess replica;
    private final List<RedisProcess> sentinels;

    private RedisSentinels(RedisProcess master, RedisProcess replica, List<RedisProcess> sentinels) {
        this.master = master;
        this.replica = replica;
        this.sentinels = sentinels;
    }

    public static RedisSentinels start() throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("wfchat-redis-sentinel-");
        List<RedisProcess> sentinels = new ArrayList<>();
        RedisProcess master = null;
        RedisProcess replica = null;
        try {
            int masterPort = FreePort.find();
            master = RedisProcess.start(root.resolve("master"), masterPort, false, List.of("appendonly no"));
            int replicaPort = FreePort.find();
            replica = RedisProcess.start(root.resolve("replica"), replicaPort, false,
                    List.of("appendonly no", "replicaof 127.0.0.1 " + masterPort));
            for (int i = 0; i < 3; i++) {
                int port = FreePort.find();
                sentinels.add(RedisProcess.start(root.resolve("sentinel-" + port), port, true, List.of(
                        "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 2",
                        "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                        "sentinel failover-timeout " + MASTER_NAME + " 10000",
                        "sentinel parallel-syncs " + MASTER_NAME + " 1")));
            }
            RedisSentinels topology = new RedisSentinels(master, replica, sentinels);
            topology.awaitWatching();
            return topology;
        } catch (IOException | RuntimeException e) {
            for (RedisProcess process : sentinels) {
                process.close();
            }
            if (replica != null) {
                replica.close();
            }
            if (master != null) {
                master.close();
            }
            throw e;
        }
    }

    /** Until every sentinel knows the replica and the two other sentinels: only then can they fail over. */
    private void awaitWatching() {
        long deadline = System.nanoTime() + READY.toNanos();
        while (!sentinels.stream().allMatch(this::watching)
                || !String.valueOf(replica.call("INFO", "replication")).contains("master_link_status:up")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the sentinels did not see the replica and each other in " + READY.toSeconds() + " s");
            }
            RedisProcess.pause();
        }
    }

    private boolean watching(RedisProcess sentinel) {
        return ((List<?>) sentinel.call("SENTINEL", "REPLICAS", MASTER_NAME)).size() == 1
                && ((List<?>) sentinel.call("SENTINEL", "SENTINELS", MASTER_NAME)).size() == 2;
    }

    /** {@code quarkus.redis.hosts} for a sentinel client: the sentinels. */
    public String hosts() {
        return sentinels.stream().map(node -> node.endpoint().uri()).collect(Collectors.joining(","));
    }

    /** The port of the master the sentinels name now (the replica's after a failover). */
    public int masterPort() {
        List<?> address = (List<?>) sentinels.get(0).call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
        return Integer.parseInt(String.valueOf(address.get(1)));
    }

    /** A failover the sentinels make while the master still runs (it becomes the replica), as an operator's. */
    public void failover() {
        sentinels.get(0).call("SENTINEL", "FAILOVER", MASTER_NAME);
    }

    /** Every process's log, each under its role and port: what a failover test shows when it fails. */
    public String logs() {
        StringBuilder logs = new StringBuilder();
        logs.append("--- master ").append(master.port()).append('\n').append(master.log());
        logs.append("--- replica ").append(replica.port()).append('\n').append(replica.log());
        for (RedisProcess sentinel : sentinels) {
            logs.append("--- sentinel ").append(sentinel.port()).append('\n').append(sentinel.log());
        }
        return logs.toString();
    }

    public RedisProcess master() {
        return master;
    }

    public RedisProcess replica() {
        return replica;
    }

    @Override
    public void close() throws InterruptedException {
        for (RedisProcess process : sentinels) {
            process.close();
        }
        replica.close();
        master.close();
    }
}
