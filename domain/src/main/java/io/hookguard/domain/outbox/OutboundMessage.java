package io.hookguard.domain.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One message for one destination, written in the unit of work that accepted the delivery it comes from.
 *
 * @param id          stable across attempts
 * @param destination where it goes
 * @param orderingKey messages sharing it reach the destination in the order they were written (e.g. the parent
 *                    issue of phase events); null when the message is not ordered
 * @param source      the source (webhook type) that accepted the delivery
 * @param deliveryKey the source's idempotency key of that delivery
 * @param eventType   the event type, when known (null otherwise)
 * @param contentType the media type of {@code body}
 * @param body        the bytes to send, exactly
 * @param createdAt   when it was written
 */
public record OutboundMessage(MessageId id, DestinationName destination, String orderingKey, String source,
        String deliveryKey, String eventType, String contentType, byte[] body, Instant createdAt) {

    public OutboundMessage {
        Objects.requireNonNull(id, "'id' is required");
        Objects.requireNonNull(destination, "'destination' is required");
        Objects.requireNonNull(source, "'source' is required");
        Objects.requireNonNull(deliveryKey, "'deliveryKey' is required");
        Objects.requireNonNull(contentType, "'contentType' is required");
        Objects.requireNonNull(body, "'body' is required");
        Objects.requireNonNull(createdAt, "'createdAt' is required");
    }

    public Optional<String> ordering() {
        return Optional.ofNullable(orderingKey);
    }

    public Optional<String> event() {
        return Optional.ofNullable(eventType);
    }
}
