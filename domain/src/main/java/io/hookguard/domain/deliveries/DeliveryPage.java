package io.hookguard.domain.deliveries;

import io.hookguard.domain.idempotency.WebhookEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of deliveries, newest first, and the cursor of the next page when there is one. */
public record DeliveryPage(List<WebhookEvent> deliveries, Optional<DeliveryCursor> next) {

    public DeliveryPage {
        deliveries = List.copyOf(Objects.requireNonNull(deliveries, "'deliveries' is required"));
        Objects.requireNonNull(next, "'next' is required (may be empty)");
    }
}
