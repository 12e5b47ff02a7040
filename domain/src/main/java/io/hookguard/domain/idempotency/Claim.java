package io.hookguard.domain.idempotency;

import java.time.Instant;
import java.util.Objects;

/**
 * A held claim on one key. {@code attempt} fences it: only the claim whose attempt the row still carries
 * may complete or fail it, so a stale attempt that outlived its lease cannot overwrite a newer one.
 */
public record Claim(WebhookType type, WebhookId webhookId, int attempt, Instant lockedUntil) {

    public Claim {
        Objects.requireNonNull(type, "'webhookType' is required");
        Objects.requireNonNull(webhookId, "'webhookId' is required");
        Objects.requireNonNull(lockedUntil, "'lockedUntil' is required");
        if (attempt < 1) {
            throw new IllegalArgumentException("'attempt' must be at least 1");
        }
    }
}
