package io.hookguard.domain.idempotency;

import java.time.Clock;
import java.util.Objects;

/**
 * Deletes events past retention in bounded batches, each its own store call, so that cleanup never holds
 * long locks or blocks intake.
 */
public final class CleanUpExpiredEvents {

    public static final int DEFAULT_BATCH_SIZE = 5_000;

    private final WebhookEventStore store;
    private final IdempotencyPolicy policy;
    private final Clock clock;
    private final int batchSize;
    private final CleanupObserver observer;

    public CleanUpExpiredEvents(WebhookEventStore store, IdempotencyPolicy policy, Clock clock, int batchSize) {
        this(store, policy, clock, batchSize, CleanupObserver.NONE);
    }

    public CleanUpExpiredEvents(WebhookEventStore store, IdempotencyPolicy policy, Clock clock, int batchSize,
            CleanupObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (batchSize < 1) {
            throw new IllegalArgumentException("'batchSize' must be at least 1");
        }
        this.batchSize = batchSize;
    }

    /** Runs one retention pass, tells the observer how it went, and returns how many events it deleted. */
    public long cleanUp() {
        long total;
        try {
            total = deleteExpired();
        } catch (RuntimeException e) {
            observer.passFailed(e);
            throw e;
        }
        observer.passCompleted(total);
        return total;
    }

    private long deleteExpired() {
        var cutoff = policy.retentionCutoff(clock.instant());
        long total = 0;
        int deleted;
        do {
            deleted = store.deleteOlderThan(cutoff, batchSize);
            total += deleted;
        } while (deleted == batchSize && !Thread.currentThread().isInterrupted());
        return total;
    }
}
