package io.hookguard.domain.deliveries;

import io.hookguard.domain.idempotency.InMemoryWebhookEventStore;
import io.hookguard.domain.idempotency.WebhookEventStore;

class InMemoryDeliveryReadModelTest extends DeliveryReadModelContract {

    @Override
    protected WebhookEventStore newStore() {
        return new InMemoryWebhookEventStore();
    }
}
