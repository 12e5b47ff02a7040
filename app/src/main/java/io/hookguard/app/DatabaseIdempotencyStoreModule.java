package io.hookguard.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.hookguard.domain.idempotency.WebhookEventStore;
import io.hookguard.persistence.Database;
import io.hookguard.persistence.JooqWebhookEventStore;

/** Keeps idempotency keys in the relational database, in the same transaction as the effects. */
final class DatabaseIdempotencyStoreModule extends AbstractModule {

    @Provides
    @Singleton
    WebhookEventStore webhookEventStore(Database db) {
        return new JooqWebhookEventStore(db);
    }
}
