package io.hookguard.domain.deliveries;

import io.hookguard.domain.idempotency.WebhookEventStore;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import java.util.Objects;
import java.util.Optional;

/** Use case: one delivery with its stored request and outbound messages, or empty when there is none. */
public final class ShowDelivery {

    private final WebhookEventStore events;
    private final StoredRequests requests;
    private final OutboundMessageLog messages;

    public ShowDelivery(WebhookEventStore events, StoredRequests requests, OutboundMessageLog messages) {
        this.events = Objects.requireNonNull(events, "events");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    public Optional<DeliveryDetails> show(WebhookType source, WebhookId key) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        return events.find(source, key).map(event -> new DeliveryDetails(event, requests.findRequest(source, key),
                messages.forDelivery(source, key)));
    }
}
