package dev.workflowchat.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL server a test owns, on its own port, that it may stop and start again with its
 * data kept, without touching the server everyone else uses.
 */
public final class OwnedPostgres implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    private OwnedPostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    public static OwnedPostgres start() throws IOException {
        OwnedPostgres postgres = new OwnedPostgres(Files.createTempDirectory("wfchat-owned-pg-"), FreePort.find());
        postgres.startServer();
        return postgres;
    }

    /** A database of the given name on this server, created if missing. */
    public PostgresEndpoint database(String name) {
        PostgresEndpoint server = new PostgresEndpoint("127.0.0.1", port, "postgres", "postgres", null);
        Databases.createIfMissing(server, name);
        return server.withDatabase(name);
    }

    public void stopServer() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts on the same port and data; the first start finds an empty directory and initialises it. */
    public void startServer() throws IOException {
        // Never "clean": zonky deletes a clean-on-close data directory when the server stops.
        server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    @Override
    public void close() throws IOException {
        stopServer();
    }
}
