package dev.workflowchat.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Asks whether a PostgreSQL or Redis server answers, quickly and without throwing. */
final class Probe {

    private static final int TIMEOUT_MS = 5_000;
    /**
     * A server that answers late once (a machine loaded by a parallel build) is still the server to
     * use: a probe that gave up at the first slow answer would start an embedded one beside it.
     * One that is not there refuses at once, so asking three times costs a fresh machine little.
     */
    private static final int ATTEMPTS = 3;
    private static final long BETWEEN_ATTEMPTS_MS = 300;

    private Probe() {
    }

    static boolean postgresAnswers(PostgresEndpoint endpoint) {
        return answersWithin(() -> {
            try (Connection ignored = connect(endpoint)) {
                return true;
            } catch (SQLException e) {
                return false;
            }
        });
    }

    private static boolean answersWithin(java.util.function.BooleanSupplier probe) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (probe.getAsBoolean()) {
                return true;
            }
            if (attempt < ATTEMPTS) {
                try {
                    Thread.sleep(BETWEEN_ATTEMPTS_MS); // a bounded retry of a probe, not a wait for a condition
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    static Connection connect(PostgresEndpoint endpoint) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", endpoint.user());
        if (endpoint.password() != null) {
            properties.setProperty("password", endpoint.password());
        }
        properties.setProperty("connectTimeout", String.valueOf(TIMEOUT_MS / 1000));
        properties.setProperty("loginTimeout", String.valueOf(TIMEOUT_MS / 1000));
        return DriverManager.getConnection(endpoint.jdbcUrl(), properties);
    }

    /** Sends a RESP {@code PING} and expects {@code +PONG}. */
    static boolean redisAnswers(RedisEndpoint endpoint) {
        return answersWithin(() -> redisAnswersOnce(endpoint));
    }

    private static boolean redisAnswersOnce(RedisEndpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(5);
            return "+PONG".equals(new String(reply, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }
}
