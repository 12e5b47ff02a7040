package io.hookguard.domain.outbox;

import java.util.Objects;

/** The delivery an outbound message comes from: the source that accepted it and the source's idempotency key. */
public record MessageOrigin(String source, String deliveryKey) {

    public MessageOrigin {
        Objects.requireNonNull(source, "'source' is required");
        Objects.requireNonNull(deliveryKey, "'deliveryKey' is required");
    }

    public static MessageOrigin of(OutboundMessage message) {
        return new MessageOrigin(message.source(), message.deliveryKey());
    }
}
