package io.hookguard.domain.idempotency;

import java.time.Instant;
import java.util.Objects;

/** A stored delivery as operators inspect it. */
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
        String lastError) {

    public WebhookEvent {
        Objects.requireNonNull(type, "'webhookType' is required");
        Objects.requireNonNull(webhookId, "'webhookId' is required");
        Objects.requireNonNull(status, "'status' is required");
        Objects.requireNonNull(fingerprint, "'fingerprint' is required");
        Objects.requireNonNull(receivedAt, "'receivedAt' is required");
    }

    /** The original column's meaning: the delivery was processed to completion. */
    public boolean processed() {
        return status == EventStatus.COMPLETED;
    }
}
