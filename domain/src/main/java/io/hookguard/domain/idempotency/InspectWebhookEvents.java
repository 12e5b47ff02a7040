package io.hookguard.domain.idempotency;

import java.util.List;
import java.util.Objects;

/** Operator queries over stored deliveries. */
public final class InspectWebhookEvents {

    public static final int MAX_LIMIT = ListLimit.MAX;

    private final WebhookEventStore store;

    public InspectWebhookEvents(WebhookEventStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public List<WebhookEvent> recent(int limit) {
        return store.findRecent(ListLimit.checked(limit));
    }

    public List<WebhookEvent> byWebhookId(WebhookId webhookId) {
        return store.findByWebhookId(webhookId);
    }
}
