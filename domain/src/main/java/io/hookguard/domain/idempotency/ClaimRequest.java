package io.hookguard.domain.idempotency;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything a store needs to decide a claim atomically, with all times taken from the domain clock.
 *
 * @param now         the decision time
 * @param windowStart a delivery completed after this instant is a duplicate; at or before it, the window has passed
 * @param leaseUntil  the end of the lease a successful claim gets
 */
public record ClaimRequest(Delivery delivery, Instant now, Instant windowStart, Instant leaseUntil) {

    public ClaimRequest {
        Objects.requireNonNull(delivery, "'delivery' is required");
        Objects.requireNonNull(now, "'now' is required");
        Objects.requireNonNull(windowStart, "'windowStart' is required");
        Objects.requireNonNull(leaseUntil, "'leaseUntil' is required");
        if (windowStart.isAfter(now) || !leaseUntil.isAfter(now)) {
            throw new IllegalArgumentException("'windowStart' must not be after 'now' and 'leaseUntil' must be after it");
        }
    }
}
