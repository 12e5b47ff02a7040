package io.hookguard.domain.deliveries;

import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.outbox.MessageOrigin;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Port: the outbound messages of a delivery with their attempts, oldest first, and the list's forwarding states. */
public interface OutboundMessageLog {

    List<OutboundMessageView> forDelivery(WebhookType source, WebhookId key);

    /**
     * The forwarding state of each of {@code deliveries} that made messages, in one look-up (a page of the list
     * asks once, not once per row); deliveries without messages are absent.
     */
    default Map<MessageOrigin, ForwardingState> states(Collection<MessageOrigin> deliveries) {
        return Map.of();
    }

    /** Before forwarding exists: no delivery has messages. */
    static OutboundMessageLog none() {
        return (source, key) -> List.of();
    }
}
