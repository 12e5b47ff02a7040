package io.hookguard.app;

import com.google.inject.AbstractModule;
import io.hookguard.domain.idempotency.WebhookEventStore;

/** Binds the idempotency store Main chose: the relational database's, or Redis'. */
final class IdempotencyStoreModule extends AbstractModule {

    private final WebhookEventStore store;

    IdempotencyStoreModule(WebhookEventStore store) {
        this.store = store;
    }

    @Override
    protected void configure() {
        bind(WebhookEventStore.class).toInstance(store);
    }
}
