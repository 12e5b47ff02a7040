package io.hookguard.persistence;

import io.hookguard.domain.deliveries.DeliveryReadModelContract;
import io.hookguard.domain.idempotency.WebhookEventStore;
import io.hookguard.persistence.testing.H2TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqDeliveryReadModelH2Test extends DeliveryReadModelContract {

    @RegisterExtension
    static final H2TestDatabase DB = new H2TestDatabase();

    @Override
    protected WebhookEventStore newStore() {
        DB.reset();
        return new JooqWebhookEventStore(DB.database());
    }
}
