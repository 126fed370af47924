package dev.workflowchat.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** Creates and drops databases on a server, through its {@code postgres} maintenance database. */
final class Databases {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private Databases() {
    }

    static void createIfMissing(PostgresEndpoint server, String database) {
        requireSafe(database);
        try (Connection connection = Probe.connect(server.withDatabase("postgres"))) {
            if (exists(connection, database)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // another process created it first
                throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
            }
        }
    }

    static void drop(PostgresEndpoint server, String database) {
        requireSafe(database);
        try (Connection connection = Probe.connect(server.withDatabase("postgres"));
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + database + ": " + e.getMessage());
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    private static void requireSafe(String database) {
        if (!SAFE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("unsafe database name: " + database);
        }
    }
}
