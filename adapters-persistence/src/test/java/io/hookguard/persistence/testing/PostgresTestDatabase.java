package io.hookguard.persistence.testing;

import io.hookguard.persistence.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A fresh PostgreSQL schema per test class, connected with {@code currentSchema} so that Flyway and every
 * unqualified statement land in it. The server is the one named by {@value #URL_VARIABLE} (a JDBC URL), else
 * a Testcontainers PostgreSQL where Docker is available; without either the class is skipped, saying why.
 */
public final class PostgresTestDatabase extends TestDatabase {

    public static final String URL_VARIABLE = "HOOKGUARD_TEST_DATABASE_URL";
    public static final String SKIPPED = "PostgreSQL tests skipped: set " + URL_VARIABLE
            + " or provide Docker for Testcontainers";
    private static final String IMAGE = "postgres:15-alpine";

    private static Server server;
    private static PostgreSQLContainer container;

    private String schema;

    private record Server(String jdbcUrl, String user, String password) {

        Connection open() throws SQLException {
            return user == null ? DriverManager.getConnection(jdbcUrl)
                    : DriverManager.getConnection(jdbcUrl, user, password);
        }
    }

    @Override
    protected DatabaseSettings create() {
        Server found = server().orElse(null);
        if (found == null) {
            Assumptions.abort(SKIPPED);
        }
        schema = uniqueName();
        execute(found, "CREATE SCHEMA " + schema);
        String url = found.jdbcUrl() + (found.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new DatabaseSettings(url, found.user(), found.password(), POOL_SIZE,
                DatabaseSettings.DEFAULT_LOCK_TIMEOUT);
    }

    @Override
    protected void drop() {
        execute(server, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** The server the PostgreSQL tests use, or empty when there is none. */
    private static synchronized Optional<Server> server() {
        if (server == null) {
            String url = System.getenv(URL_VARIABLE);
            if (url != null && !url.isBlank()) {
                server = new Server(url.trim(), null, null);
            } else if (DockerClientFactory.instance().isDockerAvailable()) {
                container = new PostgreSQLContainer(IMAGE);
                container.start();
                server = new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
            }
        }
        return Optional.ofNullable(server);
    }

    private static void execute(Server target, String sql) {
        try (Connection connection = target.open(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "' on the test server", e);
        }
    }
}
