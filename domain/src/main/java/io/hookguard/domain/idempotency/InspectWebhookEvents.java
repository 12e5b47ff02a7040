package io.hookguard.domain.idempotency;

import io.hookguard.domain.deliveries.StoredRequest;
import io.hookguard.domain.deliveries.StoredRequests;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Operator queries over stored deliveries. */
public final class InspectWebhookEvents {

    public static final int MAX_LIMIT = ListLimit.MAX;

    private final WebhookEventStore store;
    private final StoredRequests requests;

    /** Inspection without stored requests: {@link #withRequests} answers every event with an empty request. */
    public InspectWebhookEvents(WebhookEventStore store) {
        this(store, StoredRequests.none());
    }

    public InspectWebhookEvents(WebhookEventStore store, StoredRequests requests) {
        this.store = Objects.requireNonNull(store, "store");
        this.requests = Objects.requireNonNull(requests, "requests");
    }

    public List<WebhookEvent> recent(int limit) {
        return store.findRecent(ListLimit.checked(limit));
    }

    public List<WebhookEvent> byWebhookId(WebhookId webhookId) {
        return store.findByWebhookId(webhookId);
    }

    /**
     * The events with this webhook id, each with its stored request (headers, content type, raw body) where the
     * store kept one. The requests are read one by one after the rows, so {@link #byWebhookId} stays cheap.
     */
    public List<InspectedEvent> withRequests(WebhookId webhookId) {
        return store.findByWebhookId(webhookId).stream()
                .map(event -> new InspectedEvent(event, requests.findRequest(event.type(), event.webhookId())))
                .toList();
    }

    /** A stored event with the request it was claimed with, if the store kept it. */
    public record InspectedEvent(WebhookEvent event, Optional<StoredRequest> request) {

        public InspectedEvent {
            Objects.requireNonNull(event, "'event' is required");
            Objects.requireNonNull(request, "'request' is required (may be empty)");
        }
    }
}
