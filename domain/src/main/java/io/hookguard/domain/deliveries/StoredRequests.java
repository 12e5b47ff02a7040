package io.hookguard.domain.deliveries;

import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import java.util.Optional;

/**
 * Port: the stored request (headers, content type, raw body) of a delivery, where the store keeps one. Read on
 * demand only, never with the rows of a list. (Named {@code findRequest}, not {@code find}, so that an idempotency
 * store, whose {@code find} returns the row, can implement it too.)
 */
public interface StoredRequests {

    Optional<StoredRequest> findRequest(WebhookType source, WebhookId key);

    /** For stores that keep no request: every delivery has none. */
    static StoredRequests none() {
        return (source, key) -> Optional.empty();
    }
}
