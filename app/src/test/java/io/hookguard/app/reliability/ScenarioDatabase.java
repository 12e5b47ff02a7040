package io.hookguard.app.reliability;

import io.hookguard.persistence.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL database of the scenario's own, created on the server of {@code HOOKGUARD_TEST_DATABASE_URL} and
 * dropped afterwards: a scenario may then refuse its connections, count its backends and fill it with a million
 * rows without touching any other test. The jars migrate it when they start. Without a server, every test of the
 * class is reported as skipped with {@link #SKIPPED} as the reason (aborted in {@code beforeEach}: an abort in
 * {@code beforeAll} would leave the class out of the report's counts).
 */
final class ScenarioDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    static final String SKIPPED = "reliability scenarios skipped: they need " + PostgresTestDatabase.URL_VARIABLE
            + " (a PostgreSQL server on which they may create databases)";
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?$");

    private String maintenanceUrl;
    private String name;
    private String url;
    private boolean absent;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        String server = System.getenv(PostgresTestDatabase.URL_VARIABLE);
        if (server == null || server.isBlank()) {
            absent = true;
            LoggerFactory.getLogger(ScenarioDatabase.class).warn("{}: {}", context.getDisplayName(), SKIPPED);
            return;
        }
        Matcher parts = URL.matcher(server.trim());
        if (!parts.matches()) {
            throw new IllegalStateException(PostgresTestDatabase.URL_VARIABLE + " is not a jdbc:postgresql URL: " + server);
        }
        byte[] random = new byte[5];
        ThreadLocalRandom.current().nextBytes(random);
        maintenanceUrl = server.trim();
        name = "hg_rel_" + HexFormat.of().formatHex(random);
        url = parts.group(1) + name + (parts.group(3) == null ? "" : parts.group(3));
        try (Connection connection = DriverManager.getConnection(maintenanceUrl);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (absent) {
            Assumptions.abort(SKIPPED);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (name != null) {
            try (Connection connection = DriverManager.getConnection(maintenanceUrl);
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    /** Whether there is a server; without one, each test is skipped in {@code beforeEach}. */
    boolean present() {
        return !absent;
    }

    String jdbcUrl() {
        return url;
    }

    String name() {
        return name;
    }

    /** A connection to the scenario's database, for the test's own reads and locks. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** The first column of the first row of {@code sql}, as a long. */
    long number(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect()) {
            return number(connection, sql, parameters);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Every row of {@code sql} as an array of strings. */
    List<String[]> rows(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            List<String[]> rows = new ArrayList<>();
            while (result.next()) {
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = result.getString(i + 1);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Server backends connected to this database, not counting the one that asks. */
    long backends() throws SQLException {
        try (Connection connection = DriverManager.getConnection(maintenanceUrl)) {
            return number(connection, "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()",
                    name);
        }
    }

    /**
     * Waits until at least {@code count} backends of this database wait for a lock (a request of the jar that has
     * reached a row the test holds); fails after {@code within}.
     */
    void awaitLockWaiters(int count, java.time.Duration within) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND wait_event_type = 'Lock'";
        while (true) {
            long waiting;
            try (Connection connection = DriverManager.getConnection(maintenanceUrl)) {
                waiting = number(connection, sql, name);
            }
            if (waiting >= count) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(waiting + " backends wait for a lock, not " + count + ", after " + within);
            }
            Thread.sleep(50);
        }
    }

    /** The outage: no new connection to this database is accepted, and every open one is terminated. */
    void refuseAndTerminateConnections() throws SQLException {
        try (Connection connection = DriverManager.getConnection(maintenanceUrl);
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
        }
    }

    /** Ends the outage. */
    void allowConnections() throws SQLException {
        try (Connection connection = DriverManager.getConnection(maintenanceUrl);
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
        }
    }

    private static long number(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new IllegalStateException("no row from " + sql);
                }
                return result.getLong(1);
            }
        }
    }
}
