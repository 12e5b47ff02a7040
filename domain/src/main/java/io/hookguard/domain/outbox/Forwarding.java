package io.hookguard.domain.outbox;

import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.ReceivedRequest;
import io.hookguard.domain.idempotency.WebhookType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Which destinations each source forwards to, and the messages one processed delivery makes: one per event the
 * handler reported and destination, or, where the handler forwards the request, the request as received once per
 * destination. A source without destinations makes none.
 */
public final class Forwarding {

    private final Map<WebhookType, List<DestinationName>> routes;
    private final Supplier<MessageId> ids;

    public Forwarding(Map<WebhookType, List<DestinationName>> routes, Supplier<MessageId> ids) {
        Objects.requireNonNull(routes, "'routes' is required");
        Map<WebhookType, List<DestinationName>> copy = new HashMap<>();
        routes.forEach((source, destinations) -> copy.put(source, List.copyOf(destinations)));
        this.routes = Map.copyOf(copy);
        this.ids = Objects.requireNonNull(ids, "'ids' is required");
    }

    public Forwarding(Map<WebhookType, List<DestinationName>> routes) {
        this(routes, MessageId::random);
    }

    /** Forwards nothing. */
    public static Forwarding none() {
        return new Forwarding(Map.of());
    }

    public List<DestinationName> destinationsOf(WebhookType source) {
        return routes.getOrDefault(source, List.of());
    }

    /** The messages for a processed delivery, in the order they are to be written. */
    public List<OutboundMessage> messagesFor(Delivery delivery, Forward forward, Instant now) {
        List<DestinationName> destinations = destinationsOf(delivery.type());
        if (destinations.isEmpty()) {
            return List.of();
        }
        String source = delivery.type().value();
        String key = delivery.id().value();
        List<OutboundMessage> messages = new ArrayList<>();
        if (forward instanceof Forward.Events reported) {
            for (OutboundEvent event : reported.events()) {
                for (DestinationName destination : destinations) {
                    messages.add(new OutboundMessage(ids.get(), destination, event.orderingKey(), source, key,
                            event.type(), event.payload().contentType(), event.payload().body(), now));
                }
            }
            return List.copyOf(messages);
        }
        if (delivery.received().isEmpty()) {
            return List.of();
        }
        ReceivedRequest request = delivery.received().get();
        for (DestinationName destination : destinations) {
            messages.add(new OutboundMessage(ids.get(), destination, null, source, key, request.eventType(),
                    request.forwarded().contentType(), request.forwarded().body(), now));
        }
        return List.copyOf(messages);
    }
}
