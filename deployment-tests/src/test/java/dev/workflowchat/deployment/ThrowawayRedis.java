package dev.workflowchat.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own, on a free loopback port, started with an ACL file exactly as the
 * redis container starts (--aclfile), so the shared local Redis and its default user are never touched.
 */
final class ThrowawayRedis implements AutoCloseable {

    final int port;
    private final Process process;

    private ThrowawayRedis(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static ThrowawayRedis start(Path dir, String aclFile) {
        try {
            Path acl = Files.writeString(dir.resolve("users.acl"), aclFile);
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--aclfile", acl.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            ThrowawayRedis redis = new ThrowawayRedis(port, process);
            redis.awaitAnswer(dir);
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Up once it answers anything (NOAUTH included: the default user is off). */
    private void awaitAnswer(Path dir) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server refused to start: " + Files.readString(dir.resolve("redis.log")));
            }
            try (RespClient client = new RespClient(port)) {
                client.call("PING");
                return;
            } catch (UncheckedIOException notYet) {
                sleep();
            }
        }
        close();
        throw new IllegalStateException("redis-server did not answer within 10 s");
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
