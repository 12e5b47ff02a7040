package io.hookguard.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookguard.domain.idempotency.StoreUnavailableException;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import io.hookguard.persistence.testing.TcpProxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatabasePostgresTest {

    @RegisterExtension
    static final PostgresTestDatabase DB = new PostgresTestDatabase();

    @Test
    void migrationLeavesEmptyTablesUnmeasuredAndAutovacuumWaitsForThemToGrow() {
        var tables = DB.database().dsl().fetch("""
                SELECT c.relname, c.reltuples, c.reloptions::text FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema()
                  AND c.relname IN ('webhook_events', 'phase_queue', 'github_deliveries', 'outbox_messages')
                ORDER BY c.relname""");

        assertThat(tables).hasSize(4).allSatisfy(table -> {
            assertThat(table.get(1, Double.class)).as("reltuples of %s", table.get(0)).isEqualTo(-1.0);
            assertThat(table.get(2, String.class)).as("reloptions of %s", table.get(0))
                    .contains("autovacuum_analyze_threshold=1000", "autovacuum_vacuum_threshold=1000");
        });
    }

    @Test
    void migratingAgainChangesNothing() {
        String applied = "SELECT count(*) FROM flyway_schema_history WHERE success";
        int before = DB.database().dsl().fetchOne(applied).get(0, Integer.class);

        DB.database().migrate();

        assertThat(before).isGreaterThanOrEqualTo(4);
        assertThat(DB.database().dsl().fetchOne(applied).get(0, Integer.class)).isEqualTo(before);
        assertThat(DB.database().isAvailable()).isTrue();
    }

    @Test
    void webhookEventsHaveOneIndexOnTheKeyAndOneForCleanup() {
        var indexes = DB.database().dsl().fetch("""
                SELECT indexname FROM pg_indexes
                WHERE schemaname = current_schema() AND tablename = 'webhook_events' ORDER BY indexname
                """).getValues(0, String.class);

        assertThat(indexes).containsExactly(
                "webhook_events_id_type_key", "webhook_events_pkey", "webhook_events_received_at_idx");
    }

    @Test
    void lookUpByWebhookIdAloneCanUseTheKeyIndex() {
        String plan = DB.database().dsl().transactionResult(configuration -> {
            var dsl = org.jooq.impl.DSL.using(configuration);
            dsl.execute("SET LOCAL enable_seqscan = off");
            return String.join("\n", dsl.fetch("EXPLAIN SELECT * FROM webhook_events WHERE webhook_id = 'x'")
                    .getValues(0, String.class));
        });

        assertThat(plan).contains("webhook_events_id_type_key");
    }

    @Test
    void pooledConnectionsHaveTheLockTimeoutAndTheDefaultPlanCache() throws SQLException {
        try (Connection connection = DB.database().dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            assertThat(show(statement, "lock_timeout")).isEqualTo("5s");
            assertThat(show(statement, "plan_cache_mode")).isEqualTo("auto");
        }
    }

    /**
     * The fresh-deployment trap: a key look-up prepared on the server while its table is measured as nearly empty
     * gets a sequential-scan generic plan after 5 executions, which PostgreSQL keeps as the table grows. A freshly
     * migrated table is left unmeasured, so the same statement, on a pooled connection with the default plan
     * cache, keeps its index plan once the table has grown.
     */
    @Test
    void keyLookUpPreparedOnANearlyEmptyTableUsesTheIndexOnceTheTableHasGrown() throws SQLException {
        try (Connection connection = DB.database().dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("PREPARE key_look_up(text, text) AS SELECT * FROM webhook_events "
                    + "WHERE webhook_type = $1 AND webhook_id = $2");
            for (int i = 0; i < 7; i++) {
                statement.execute("EXECUTE key_look_up('workflow_complete', 'k-" + i + "')");
            }
            statement.execute("""
                    INSERT INTO webhook_events (webhook_id, webhook_type, received_at, status, fingerprint, locked_until)
                    SELECT md5(g::text), 'workflow_complete', now(), 'PROCESSING', repeat('a', 64), now()
                    FROM generate_series(1, 20000) g""");
            try {
                List<String> plan = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("EXPLAIN EXECUTE key_look_up('workflow_complete', 'x')")) {
                    while (rs.next()) {
                        plan.add(rs.getString(1));
                    }
                }
                assertThat(plan.get(0)).contains("Index Scan using webhook_events_id_type_key");
                // The statement did use the generic plan (the one that could have been stuck).
                try (ResultSet rs = statement.executeQuery(
                        "SELECT generic_plans FROM pg_prepared_statements WHERE name = 'key_look_up'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isPositive();
                }
            } finally {
                statement.execute("DEALLOCATE key_look_up");
                statement.execute("DELETE FROM webhook_events");
            }
        }
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void unitOfWorkDuringAnOutageFailsWithinOneConnectionTimeout() throws Exception {
        try (TcpProxy proxy = TcpProxy.inFrontOf(DB.settings().jdbcUrl())) {
            String proxied = proxy.route(DB.settings().jdbcUrl());
            Database throughProxy = DB.connectAnother(settings -> new DatabaseSettings(proxied, settings.user(),
                    settings.password(), 2, settings.lockTimeout()));
            assertThat(throughProxy.inTransaction(() -> throughProxy.dsl().fetchOne("SELECT 1").get(0, Integer.class)))
                    .isEqualTo(1);

            proxy.cut();
            Thread.sleep(1_000); // past the pool's 500 ms window, so it checks its idle connections and finds them dead
            long started = System.nanoTime();
            assertThatThrownBy(() -> throughProxy.inTransaction(() -> throughProxy.dsl().fetchOne("SELECT 1")))
                    .isInstanceOf(StoreUnavailableException.class);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // the pool waits up to its connection timeout (5 s) once; jOOQ's rollback must not wait again
            assertThat(took).isLessThan(Duration.ofSeconds(8));
        }
    }
}
