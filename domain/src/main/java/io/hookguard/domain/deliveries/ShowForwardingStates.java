package io.hookguard.domain.deliveries;

import io.hookguard.domain.idempotency.WebhookEvent;
import io.hookguard.domain.outbox.MessageOrigin;
import java.util.Map;
import java.util.Objects;

/** Use case: the forwarding state of every delivery of a page of the list, read in one look-up. */
public final class ShowForwardingStates {

    private final OutboundMessageLog messages;

    public ShowForwardingStates(OutboundMessageLog messages) {
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    /** The states of the page's deliveries that made messages; the others are absent. */
    public Map<MessageOrigin, ForwardingState> of(DeliveryPage page) {
        Objects.requireNonNull(page, "page");
        if (page.deliveries().isEmpty()) {
            return Map.of();
        }
        return messages.states(page.deliveries().stream().map(ShowForwardingStates::originOf).toList());
    }

    /** The origin the outbox records for messages of {@code event}. */
    public static MessageOrigin originOf(WebhookEvent event) {
        return new MessageOrigin(event.type().value(), event.webhookId().value());
    }
}
