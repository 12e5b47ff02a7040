package io.hookguard.domain.outbox;

import io.hookguard.domain.idempotency.Payload;
import java.util.Objects;
import java.util.Optional;

/**
 * An event a handler's effect caused (such as {@code phase.ready}), to be forwarded instead of the request itself.
 *
 * @param type        the event type ({@code phase.completed}, ...)
 * @param orderingKey events sharing it reach each destination in the order they were written; null if unordered
 * @param payload     what the destinations receive
 */
public record OutboundEvent(String type, String orderingKey, Payload payload) {

    public OutboundEvent {
        Objects.requireNonNull(type, "'type' is required");
        Objects.requireNonNull(payload, "'payload' is required");
    }

    public Optional<String> ordering() {
        return Optional.ofNullable(orderingKey);
    }
}
