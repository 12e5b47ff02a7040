package io.hookguard.domain.deliveries;

import io.hookguard.domain.idempotency.WebhookEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Everything the console shows about one delivery: the stored row, the request if kept, the outbound messages. */
public record DeliveryDetails(WebhookEvent event, Optional<StoredRequest> request, List<OutboundMessageView> messages) {

    public DeliveryDetails {
        Objects.requireNonNull(event, "'event' is required");
        Objects.requireNonNull(request, "'request' is required (may be empty)");
        messages = List.copyOf(Objects.requireNonNull(messages, "'messages' is required"));
    }
}
