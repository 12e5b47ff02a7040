package io.hookguard.domain.deliveries;

import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import java.util.Optional;

/** Port: the stored request (headers and body) of a delivery, where the store keeps one. */
public interface StoredRequests {

    Optional<StoredRequest> find(WebhookType source, WebhookId key);

    /** For stores that keep no request: every delivery has none. */
    static StoredRequests none() {
        return (source, key) -> Optional.empty();
    }
}
