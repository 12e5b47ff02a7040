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
                .get(0, Integer.class)).isEqualTo(3);
        assertThat(DB.database().isAvailable()).isTrue();
    }
}
