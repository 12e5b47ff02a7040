package io.hookguard.persistence;

import io.hookguard.domain.idempotency.WebhookEventStoreContract;
import io.hookguard.domain.idempotency.WebhookEventStore;
import io.hookguard.persistence.testing.H2TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqWebhookEventStoreH2Test extends WebhookEventStoreContract {

    @RegisterExtension
    static final H2TestDatabase DB = new H2TestDatabase();

    @Override
    protected WebhookEventStore newStore() {
        DB.reset();
        return new JooqWebhookEventStore(DB.database());
    }
}
