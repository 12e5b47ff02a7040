package io.hookguard.domain.idempotency;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The idempotency store: one row per (type, webhook id). Every implementation passes
 * {@code WebhookEventStoreContract}. Failures to reach the store surface as {@link StoreUnavailableException}.
 */
public interface WebhookEventStore {

    /**
     * Decides a claim in ONE atomic operation: no row → Claimed (attempt 1); COMPLETED after the window start →
     * Duplicate; COMPLETED at or before it → Claimed (attempt + 1, the row starts over with this fingerprint);
     * FAILED or PROCESSING with an expired lease → Claimed (attempt + 1); PROCESSING with a live lease → InFlight;
     * another fingerprint on a row that is not past its window → Mismatch.
     */
    ClaimOutcome claim(ClaimRequest request);

    /**
     * Whether {@link #claim} answers a resend of a completed delivery (Duplicate) without writing anything, not
     * even a row lock. Then the intake claims at once; otherwise it first looks the key up ({@link #find}), so
     * that a duplicate writes nothing. True saves a new delivery that look-up.
     */
    default boolean claimsDuplicatesWithoutWriting() {
        return false;
    }

    /**
     * Marks the claim COMPLETED with the response to replay. Returns false, changing nothing, when the row no
     * longer belongs to this claim (a newer attempt took it over, or it is not PROCESSING).
     */
    boolean complete(Claim claim, String response, Instant now);

    /**
     * Marks the claim FAILED with the error, so a retry re-claims it. Returns false, changing nothing, when
     * the row no longer belongs to this claim.
     */
    boolean fail(Claim claim, String error, Instant now);

    Optional<WebhookEvent> find(WebhookType type, WebhookId webhookId);

    /** The events with this webhook id, one per type that has it. */
    List<WebhookEvent> findByWebhookId(WebhookId webhookId);

    /** The most recently received events, newest first. */
    List<WebhookEvent> findRecent(int limit);

    /**
     * Deletes at most {@code batchSize} rows received before {@code cutoff}, leaving claims whose lease runs past
     * the cutoff alone. Returns how many were deleted; fewer than {@code batchSize} means none are left.
     */
    int deleteOlderThan(Instant cutoff, int batchSize);

    /** Whether the store answers; used by readiness. */
    boolean isAvailable();
}
