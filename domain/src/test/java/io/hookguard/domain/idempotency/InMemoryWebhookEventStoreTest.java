package io.hookguard.domain.idempotency;

class InMemoryWebhookEventStoreTest extends WebhookEventStoreContract {

    @Override
    protected WebhookEventStore newStore() {
        return new InMemoryWebhookEventStore();
    }
}
