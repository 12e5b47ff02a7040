package io.hookguard.domain.idempotency;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored delivery as operators inspect it. {@code eventType} is the sender's event type where the request said one
 * (null for deliveries without a stored request); the request itself is read on demand through
 * {@link io.hookguard.domain.deliveries.StoredRequests}, never with the row.
 */
public record WebhookEvent(
        WebhookType type,
        WebhookId webhookId,
        EventStatus status,
        Fingerprint fingerprint,
        String adwId,
        Integer issueNumber,
        Instant receivedAt,
        Instant lockedUntil,
        Instant completedAt,
        int attempts,
        String response,
        String lastError,
        String eventType) {

    public WebhookEvent {
        Objects.requireNonNull(type, "'webhookType' is required");
        Objects.requireNonNull(webhookId, "'webhookId' is required");
        Objects.requireNonNull(status, "'status' is required");
        Objects.requireNonNull(fingerprint, "'fingerprint' is required");
        Objects.requireNonNull(receivedAt, "'receivedAt' is required");
    }

    /** An event without an event type, as stored before requests were kept. */
    public WebhookEvent(WebhookType type, WebhookId webhookId, EventStatus status, Fingerprint fingerprint,
            String adwId, Integer issueNumber, Instant receivedAt, Instant lockedUntil, Instant completedAt,
            int attempts, String response, String lastError) {
        this(type, webhookId, status, fingerprint, adwId, issueNumber, receivedAt, lockedUntil, completedAt, attempts,
                response, lastError, null);
    }

    public Optional<String> event() {
        return Optional.ofNullable(eventType);
    }

    /** The original column's meaning: the delivery was processed to completion. */
    public boolean processed() {
        return status == EventStatus.COMPLETED;
    }
}
