package dev.workflowchat.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PgBouncer a test owns (Debian's {@code pgbouncer}), on its own port, in front of one database of
 * a PostgreSQL server that trusts local connections: the pooler of docs/scaling.md's recipe, tried
 * with the services' real clients. PgBouncer refuses to run as root; as root it runs as
 * {@code postgres}.
 */
public final class PgBouncer implements AutoCloseable {

    private static final Path BINARY = Path.of(System.getenv().getOrDefault("WFCHAT_PGBOUNCER", "/usr/sbin/pgbouncer"));
    private static final Duration START_WAIT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final PostgresEndpoint server;
    private final Path log;
    private final Path dir;

    private PgBouncer(Process process, int port, PostgresEndpoint server, Path log) {
        this.dir = log.getParent();
        this.process = process;
        this.port = port;
        this.server = server;
        this.log = log;
    }

    /**
     * Starts one pooling {@code database} in {@code poolMode} ({@code transaction}, {@code session})
     * with at most {@code serverConnections} connections to PostgreSQL.
     */
    public static PgBouncer inFrontOf(PostgresEndpoint database, String poolMode, int serverConnections)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("PgBouncer is needed for this test: apt-get install -y pgbouncer"
                    + " (or set WFCHAT_PGBOUNCER to its path); not found at " + BINARY);
        }
        Path dir = Files.createTempDirectory("wfchat-pgbouncer-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        int port = FreePort.find();
        Path users = dir.resolve("users.txt");
        Files.writeString(users, "\"" + database.user() + "\" \"\"\n");
        Path ini = dir.resolve("pgbouncer.ini");
        Files.writeString(ini, String.join("\n",
                "[databases]",
                database.database() + " = host=" + database.host() + " port=" + database.port() + " dbname="
                        + database.database(),
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = trust",
                "auth_file = " + users,
                "pool_mode = " + poolMode,
                "default_pool_size = " + serverConnections,
                // the cap of every pool of the database together (each user would get its own pool)
                "max_db_connections = " + serverConnections,
                "max_client_conn = 500",
                // what JDBC sends at connect, which PgBouncer would otherwise refuse
                "ignore_startup_parameters = extra_float_digits",
                ""));
        for (Path file : List.of(users, ini)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of(BINARY.toString(), ini.toString()));
        Path log = dir.resolve("pgbouncer.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PgBouncer bouncer = new PgBouncer(process, port, database, log);
        long until = System.nanoTime() + START_WAIT.toNanos();
        while (!bouncer.listening()) {
            if (!process.isAlive() || System.nanoTime() > until) {
                bouncer.close();
                throw new IllegalStateException("PgBouncer did not start:\n" + Files.readString(log));
            }
            Thread.sleep(100); // a bounded wait for a port to open
        }
        return bouncer;
    }

    /** The pooled database, as the services reach it through PgBouncer. */
    public PostgresEndpoint endpoint() {
        return new PostgresEndpoint("127.0.0.1", port, server.database(), server.user(), server.password());
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException leftBehind) {
            // a temporary directory: nothing depends on its going
        }
    }
}
