package dev.workflowchat.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A Redis server a test owns, on its own port, that it may stop and start again (its data
 * kept in an append-only file), without touching the Redis everyone else uses.
 */
public final class OwnedRedis implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private RedisServer server;

    private OwnedRedis(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    public static OwnedRedis start() throws IOException {
        OwnedRedis redis = new OwnedRedis(Files.createTempDirectory("wfchat-owned-redis-"), FreePort.find());
        redis.startServer();
        return redis;
    }

    public RedisEndpoint endpoint() {
        return new RedisEndpoint("127.0.0.1", port);
    }

    public boolean answers() {
        return Probe.redisAnswers(endpoint());
    }

    public void stopServer() throws IOException {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public void startServer() throws IOException {
        server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + dataDir.toAbsolutePath())
                .setting("appendonly yes")
                .setting("appendfsync always")
                .setting("save \"\"")
                .build();
        server.start();
    }

    @Override
    public void close() throws IOException {
        stopServer();
    }
}
