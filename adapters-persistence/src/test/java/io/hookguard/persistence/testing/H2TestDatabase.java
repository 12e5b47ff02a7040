package io.hookguard.persistence.testing;

import io.hookguard.persistence.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A fresh in-memory H2 database in PostgreSQL mode per test class, as the embedded default runs it. */
public final class H2TestDatabase extends TestDatabase {

    private String url;

    @Override
    protected DatabaseSettings create() {
        url = "jdbc:h2:mem:" + uniqueName()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        return DatabaseSettings.of(url).withPoolSize(POOL_SIZE);
    }

    @Override
    protected void drop() {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException("could not shut down " + url, e);
        }
    }
}
