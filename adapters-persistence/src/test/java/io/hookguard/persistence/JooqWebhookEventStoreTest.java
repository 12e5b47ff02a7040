package io.hookguard.persistence;

import io.hookguard.domain.idempotency.WebhookEventStore;
import io.hookguard.domain.idempotency.WebhookEventStoreContract;
import io.hookguard.persistence.testing.H2TestDatabase;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import io.hookguard.persistence.testing.TestDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The relational webhook event store passes the store's contract on H2 (the embedded default) and on PostgreSQL. */
class JooqWebhookEventStoreTest {

    @Nested
    class OnH2 extends WebhookEventStoreContract {
        @RegisterExtension
        static final TestDatabase DB = new H2TestDatabase();

        @Override
        protected WebhookEventStore newStore() {
            return emptyStore(DB);
        }
    }

    @Nested
    class OnPostgres extends WebhookEventStoreContract {
        @RegisterExtension
        static final TestDatabase DB = new PostgresTestDatabase();

        @Override
        protected WebhookEventStore newStore() {
            return emptyStore(DB);
        }
    }

    private static WebhookEventStore emptyStore(TestDatabase db) {
        db.reset();
        return new JooqWebhookEventStore(db.database());
    }
}
