package io.hookguard.domain.deliveries;

import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import java.util.List;

/** Port: the outbound messages of a delivery with their attempts, oldest first. */
public interface OutboundMessageLog {

    List<OutboundMessageView> forDelivery(WebhookType source, WebhookId key);

    /** Before forwarding exists: no delivery has messages. */
    static OutboundMessageLog none() {
        return (source, key) -> List.of();
    }
}
