package dev.workflowchat.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code redis-server} (or {@code redis-server --sentinel}) process a test owns, from a config file of
 * its own in its own directory: started, waited for until it answers PING, and killed with SIGKILL, as a
 * crashed server dies, or stopped. Its output goes to {@code redis.log} in its directory.
 */
public final class RedisProcess implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(20);

    private final Path dir;
    private final int port;
    private final boolean sentinel;
    private Process process;
    private Thread reaper;

    private RedisProcess(Path dir, int port, boolean sentinel) {
        this.dir = dir;
        this.port = port;
        this.sentinel = sentinel;
    }

    /** A server on {@code port} with {@code settings} (config-file lines) besides the port and its directory. */
    public static RedisProcess start(Path dir, int port, boolean sentinel, List<String> settings) throws IOException {
        Files.createDirectories(dir);
        List<String> config = new ArrayList<>(List.of("port " + port, "bind 127.0.0.1", "dir " + dir.toAbsolutePath(),
                "daemonize no", "protected-mode no"));
        if (!sentinel) {
            config.add("save \"\"");
        }
        config.addAll(settings);
        Files.write(dir.resolve("redis.conf"), config);
        RedisProcess redis = new RedisProcess(dir, port, sentinel);
        redis.launch();
        return redis;
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(RedisBinary.find().toString(), dir.resolve("redis.conf").toString()));
        if (sentinel) {
            command.add("--sentinel");
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
        // a test JVM that dies without closing it must not leave a redis-server behind on a shared machine
        Process started = process;
        reaper = new Thread(started::destroyForcibly, "redis-reaper-" + port);
        Runtime.getRuntime().addShutdownHook(reaper);
        long deadline = System.nanoTime() + START.toNanos();
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("redis-server on port " + port + " did not start: " + Files.readString(dir.resolve("redis.log")));
            }
            pause();
        }
    }

    public int port() {
        return port;
    }

    public RedisEndpoint endpoint() {
        return new RedisEndpoint("127.0.0.1", port);
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** Whether it answers PING now. */
    public boolean answers() {
        try (RawRedis redis = RawRedis.connect(endpoint().uri())) {
            return "PONG".equals(redis.call("PING"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** One command on a connection of its own. */
    public Object call(String... command) {
        try (RawRedis redis = RawRedis.connect(endpoint().uri())) {
            return redis.call(command);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What the server wrote to its log so far, for a failure message to show what it saw. */
    public String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGKILL: no shutdown, no last write, its clients' connections reset. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        }
        if (reaper != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
            reaper = null;
        }
    }

    static void pause() {
        try {
            Thread.sleep(50); // polling a process that starts, not a wait for a condition of the test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
