package io.hookguard.persistence;

import io.hookguard.domain.deliveries.DeliveryReadModelContract;
import io.hookguard.domain.idempotency.WebhookEventStore;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqDeliveryReadModelPostgresTest extends DeliveryReadModelContract {

    @RegisterExtension
    static final PostgresTestDatabase DB = new PostgresTestDatabase();

    @Override
    protected WebhookEventStore newStore() {
        DB.reset();
        return new JooqWebhookEventStore(DB.database());
    }
}
