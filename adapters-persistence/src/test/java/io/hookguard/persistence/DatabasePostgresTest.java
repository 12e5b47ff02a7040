package io.hookguard.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.persistence.testing.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatabasePostgresTest {

    @RegisterExtension
    static final PostgresTestDatabase DB = new PostgresTestDatabase();

    @Test
    void migrationAnalyzesTheTablesSoAFreshDeploymentHasStatistics() {
        int analyzed = DB.database().dsl().fetchOne("""
                SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema()
                  AND c.relname IN ('webhook_events', 'phase_queue', 'github_deliveries')
                  AND c.reltuples >= 0
                """).get(0, Integer.class);

        assertThat(analyzed).isEqualTo(3);
    }

    @Test
    void migratingAgainChangesNothing() {
        DB.database().migrate();

        assertThat(DB.database().dsl().fetchOne("SELECT count(*) FROM flyway_schema_history WHERE success")
                .get(0, Integer.class)).isEqualTo(4);
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
}
