package io.hookguard.nats;

import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.MessageId;
import io.hookguard.domain.outbox.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Outbound messages for the tests, built the way the outbox writes them. */
final class Messages {

    static final Instant WRITTEN = Instant.parse("2026-12-01T09:00:00Z");

    private Messages() {
    }

    static OutboundMessage message(DestinationName destination, int n) {
        return message(destination, null, "delivery-" + n, "push", "{\"n\":" + n + "}");
    }

    static OutboundMessage ordered(DestinationName destination, String orderingKey, int n) {
        return message(destination, orderingKey, "phase-" + n, "phase.completed", "{\"phase\":" + n + "}");
    }

    static OutboundMessage message(DestinationName destination, String orderingKey, String deliveryKey,
            String event, String json) {
        return new OutboundMessage(MessageId.random(), destination, orderingKey, "github", deliveryKey, event,
                "application/json", json.getBytes(StandardCharsets.UTF_8), WRITTEN);
    }
}
