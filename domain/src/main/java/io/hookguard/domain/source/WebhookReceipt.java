package io.hookguard.domain.source;

import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import java.util.Objects;
import java.util.Optional;

/** What accepting a declared source's delivery came to: stored and handed to the source's destinations. */
public record WebhookReceipt(WebhookType source, WebhookId key, String eventType, int forwardedTo) {

    public WebhookReceipt {
        Objects.requireNonNull(source, "'source' is required");
        Objects.requireNonNull(key, "'key' is required");
        if (forwardedTo < 0) {
            throw new IllegalArgumentException("'forwardedTo' must not be negative");
        }
    }

    public Optional<String> event() {
        return Optional.ofNullable(eventType);
    }
}
