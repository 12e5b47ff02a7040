package io.hookguard.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookguard.domain.idempotency.StoreUnavailableException;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import java.time.Duration;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    private static final String H2_URL = "jdbc:h2:mem:database-test";

    @Test
    void dialectFollowsTheUrlScheme() {
        assertThat(Database.dialectOf("jdbc:postgresql://db/hookguard")).isEqualTo(SQLDialect.POSTGRES);
        assertThat(Database.dialectOf("jdbc:h2:file:./data/hookguard")).isEqualTo(SQLDialect.H2);
    }

    @Test
    void unsupportedSchemeIsRefusedNamingIt() {
        assertThatThrownBy(() -> Database.connect(DatabaseSettings.of("jdbc:mysql://db/hookguard")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'jdbc:mysql:'");
    }

    @Test
    void h2UrlGetsThePostgresModeSettingsItLacks() {
        assertThat(Database.withH2Settings("jdbc:h2:file:./data/hookguard;AUTO_SERVER=TRUE"))
                .isEqualTo("jdbc:h2:file:./data/hookguard;AUTO_SERVER=TRUE"
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        assertThat(Database.withH2Settings("jdbc:h2:mem:x;mode=postgresql;DATABASE_TO_LOWER=true"))
                .isEqualTo("jdbc:h2:mem:x;mode=postgresql;DATABASE_TO_LOWER=true;DEFAULT_NULL_ORDERING=HIGH");
    }

    @Test
    void h2UrlInAnotherModeIsRefused() {
        assertThatThrownBy(() -> Database.withH2Settings("jdbc:h2:mem:x;MODE=MySQL"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MODE=PostgreSQL");
    }

    @Test
    void unreachableServerIsStoreUnavailable() {
        DatabaseSettings nowhere = DatabaseSettings.of("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2")
                .withCredentials("app", "secret");

        assertThatThrownBy(() -> Database.connect(nowhere))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("secret");
    }

    @Test
    void embeddedDatabaseMigratesTwiceAndAnswers() {
        try (Database db = Database.connect(DatabaseSettings.of(H2_URL).withPoolSize(1))) {
            db.migrate();
            db.migrate();

            assertThat(db.dialect()).isEqualTo(SQLDialect.H2);
            assertThat(db.isAvailable()).isTrue();
            assertThat(new JooqWebhookEventStore(db).findRecent(1)).isEmpty();
        }
    }

    @Test
    void closedDatabaseIsUnavailableAndStoreCallsSaySo() {
        Database db = Database.connect(DatabaseSettings.of("jdbc:h2:mem:closed-test").withPoolSize(1)
                .withLockTimeout(Duration.ofSeconds(1)));
        db.migrate();
        JooqWebhookEventStore store = new JooqWebhookEventStore(db);
        db.close();

        assertThat(db.isAvailable()).isFalse();
        assertThat(store.isAvailable()).isFalse();
        assertThatThrownBy(() -> store.find(WebhookType.GITHUB, new WebhookId("x")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> new JooqUnitOfWork(db).inTransaction(() -> 1))
                .isInstanceOf(StoreUnavailableException.class);
    }
}
