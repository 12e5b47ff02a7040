package io.hookguard.domain.idempotency;

import java.util.List;
import java.util.Objects;

/** Operator queries over stored deliveries. */
public final class InspectWebhookEvents {

    public static final int MAX_LIMIT = 500;

    private final WebhookEventStore store;

    public InspectWebhookEvents(WebhookEventStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public List<WebhookEvent> recent(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("'limit' must be 1.." + MAX_LIMIT);
        }
        return store.findRecent(limit);
    }

    public List<WebhookEvent> byWebhookId(WebhookId webhookId) {
        return store.findByWebhookId(webhookId);
    }
}
