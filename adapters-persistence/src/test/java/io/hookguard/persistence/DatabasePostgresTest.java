package io.hookguard.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookguard.domain.idempotency.StoreUnavailableException;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import io.hookguard.persistence.testing.TcpProxy;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    @Test
    void unitOfWorkDuringAnOutageFailsWithinOneConnectionTimeout() throws Exception {
        String url = DB.settings().jdbcUrl();
        Matcher hostPort = Pattern.compile("jdbc:postgresql://([^:/?]+):(\\d+)/").matcher(url);
        assertThat(hostPort.find()).as("test database URL names host and port: %s", url).isTrue();
        try (TcpProxy proxy = new TcpProxy(hostPort.group(1), Integer.parseInt(hostPort.group(2))).start()) {
            String proxied = url.replace(hostPort.group(1) + ":" + hostPort.group(2), "127.0.0.1:" + proxy.port());
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
