package dev.workflowchat.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster a test owns: three masters sharing the 16384 slots and a replica of each, six
 * {@code redis-server} processes with {@code cluster-enabled yes} on free local ports. It is joined with
 * plain cluster commands (MEET, ADDSLOTS, REPLICATE: what {@code redis-cli --cluster create} sends), so it
 * needs no {@code redis-cli} and runs on the embedded binary too ({@link RedisBinary}).
 */
public final class RedisCluster implements AutoCloseable {

    public static final int SLOTS = 16384;
    private static final Duration FORM = Duration.ofSeconds(30);
    private static final int NODE_START_ATTEMPTS = 20;
    private static final int BUS_PORT_OFFSET = 10_000;
    private static final int MAX_PORT = 65_535;

    private final List<RedisProcess> masters;
    private final List<RedisProcess> replicas;

    private RedisCluster(List<RedisProcess> masters, List<RedisProcess> replicas) {
        this.masters = masters;
        this.replicas = replicas;
    }

    public static RedisCluster start() throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("wfchat-redis-cluster-");
        List<RedisProcess> masters = new ArrayList<>();
        List<RedisProcess> replicas = new ArrayList<>();
        RedisCluster cluster = new RedisCluster(masters, replicas);
        try {
            for (int i = 0; i < 6; i++) {
                (i < 3 ? masters : replicas).add(startNode(root));
            }
            cluster.form();
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * A node on a free port whose cluster bus port (Redis takes port + 10000; the embedded 6.2
     * binary can't be told another) is free too: a CI run failed on a bus port some other socket
     * held. A port taken between finding it and binding it is a failed start, tried again on others.
     */
    private static RedisProcess startNode(Path root) throws IOException {
        IOException failed = null;
        for (int attempt = 0; attempt < NODE_START_ATTEMPTS; attempt++) {
            int port = FreePort.find();
            if (port + BUS_PORT_OFFSET > MAX_PORT || !FreePort.isFree(port + BUS_PORT_OFFSET)) {
                continue;
            }
            try {
                return RedisProcess.start(root.resolve("node-" + port), port, false, List.of(
                        "cluster-enabled yes", "cluster-config-file nodes.conf", "cluster-node-timeout 2000",
                        "appendonly no"));
            } catch (IOException e) {
                failed = e;
            }
        }
        throw failed != null ? failed : new IOException("no free port with a free cluster bus port");
    }

    private void form() {
        List<RedisProcess> all = nodes();
        RedisProcess first = all.get(0);
        for (RedisProcess node : all.subList(1, all.size())) {
            first.call("CLUSTER", "MEET", "127.0.0.1", String.valueOf(node.port()));
        }
        for (int i = 0; i < masters.size(); i++) {
            int from = i * SLOTS / masters.size();
            int to = (i + 1) * SLOTS / masters.size();
            List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int slot = from; slot < to; slot++) {
                command.add(String.valueOf(slot));
            }
            masters.get(i).call(command.toArray(String[]::new));
        }
        awaitEvery(node -> nodesKnown(node) == all.size(), "every node knows the six");
        for (int i = 0; i < replicas.size(); i++) {
            replicas.get(i).call("CLUSTER", "REPLICATE", (String) masters.get(i).call("CLUSTER", "MYID"));
        }
        awaitEvery(node -> info(node, "CLUSTER", "INFO").contains("cluster_state:ok"), "cluster_state:ok on every node");
        awaitEvery(node -> !replicas.contains(node) || info(node, "INFO", "replication").contains("master_link_status:up"),
                "every replica in sync");
    }

    private void awaitEvery(java.util.function.Predicate<RedisProcess> condition, String what) {
        long deadline = System.nanoTime() + FORM.toNanos();
        while (!nodes().stream().allMatch(condition)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster did not form (" + what + ") in " + FORM.toSeconds() + " s");
            }
            RedisProcess.pause();
        }
    }

    private static long nodesKnown(RedisProcess node) {
        return info(node, "CLUSTER", "NODES").lines().filter(line -> !line.contains("handshake")).count();
    }

    private static String info(RedisProcess node, String... command) {
        return String.valueOf(node.call(command));
    }

    /** {@code quarkus.redis.hosts} for a cluster client: every master (the client learns the rest). */
    public String hosts() {
        return masters.stream().map(node -> node.endpoint().uri()).collect(Collectors.joining(","));
    }

    public List<RedisProcess> masters() {
        return List.copyOf(masters);
    }

    public List<RedisProcess> nodes() {
        List<RedisProcess> all = new ArrayList<>(masters);
        all.addAll(replicas);
        return all;
    }

    /** The master serving {@code key}'s slot. */
    public RedisProcess masterOf(String key) {
        long slot = (Long) masters.get(0).call("CLUSTER", "KEYSLOT", key);
        for (int i = 0; i < masters.size(); i++) {
            if (slot < (long) (i + 1) * SLOTS / masters.size()) {
                return masters.get(i);
            }
        }
        throw new IllegalStateException("slot " + slot + " out of range");
    }

    /** One command sent to the master serving {@code key} (which must be among the command's words). */
    public Object call(String key, String... command) {
        return masterOf(key).call(command);
    }

    /** The sum over the nodes of one numeric field of {@code INFO} or {@code CLUSTER INFO} ({@code section} "cluster"). */
    public long sum(String section, String field) {
        long total = 0;
        for (RedisProcess node : nodes()) {
            String text = "cluster".equals(section) ? info(node, "CLUSTER", "INFO") : info(node, "INFO", section);
            total += text.lines().filter(line -> line.startsWith(field + ":"))
                    .mapToLong(line -> Long.parseLong(line.substring(field.length() + 1).trim())).sum();
        }
        return total;
    }

    @Override
    public void close() throws InterruptedException {
        for (RedisProcess node : nodes()) {
            node.close();
        }
    }
}
