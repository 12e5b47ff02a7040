package bench.peer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import org.apache.camel.main.Main;

/**
 * Starts the peer: Camel Main with the platform-http server on Vert.x and one route. Configuration by environment:
 * PEER_PORT, PEER_DATABASE_URL (JDBC), PEER_DATABASE_USER, PEER_WEBHOOK_SECRET, PEER_POOL_SIZE.
 */
public final class PeerMain {

    private PeerMain() {
    }

    public static void main(String[] args) throws Exception {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(env("PEER_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/hookguard_bench"));
        pool.setUsername(env("PEER_DATABASE_USER", "postgres"));
        pool.setMaximumPoolSize(Integer.parseInt(env("PEER_POOL_SIZE", "10")));
        HikariDataSource dataSource = new HikariDataSource(pool);
        createRepositoryTable(dataSource);

        Main main = new Main();
        main.configure().addRoutesBuilder(new WorkflowCompleteRoute(dataSource, env("PEER_WEBHOOK_SECRET", "")));
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", env("PEER_PORT", "18003"));
        main.addInitialProperty("camel.main.name", "hookguard-bench-peer");
        main.run(args);
        dataSource.close();
    }

    /**
     * Camel's default table has no key; a team that reads the documentation gives it one, which also serves the
     * repository's look-up by (processor, message id).
     */
    private static void createRepositoryTable(HikariDataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS CAMEL_MESSAGEPROCESSED (processorName VARCHAR(255) NOT NULL,"
                    + " messageId VARCHAR(100) NOT NULL, createdAt TIMESTAMP NOT NULL,"
                    + " PRIMARY KEY (processorName, messageId))");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
