package io.hookguard.domain.idempotency;

import io.hookguard.domain.outbox.OutboxRetention;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Deletes events past retention in bounded batches, each its own store call, so that cleanup never holds
 * long locks or blocks intake; then, in batches too, the delivered and dead outbox messages written before the
 * same cutoff (a pending message is never deleted: it still has to reach its destination).
 */
public final class CleanUpExpiredEvents {

    public static final int DEFAULT_BATCH_SIZE = 5_000;

    private final WebhookEventStore store;
    private final IdempotencyPolicy policy;
    private final Clock clock;
    private final int batchSize;
    private final CleanupObserver observer;
    private final OutboxRetention outbox;

    public CleanUpExpiredEvents(WebhookEventStore store, IdempotencyPolicy policy, Clock clock, int batchSize) {
        this(store, policy, clock, batchSize, CleanupObserver.NONE);
    }

    public CleanUpExpiredEvents(WebhookEventStore store, IdempotencyPolicy policy, Clock clock, int batchSize,
            CleanupObserver observer) {
        this(store, policy, clock, batchSize, observer, (cutoff, limit) -> 0);
    }

    /** A pass that also deletes finished outbox messages through {@code outbox}. */
    public CleanUpExpiredEvents(WebhookEventStore store, IdempotencyPolicy policy, Clock clock, int batchSize,
            CleanupObserver observer, OutboxRetention outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
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
        return run().events();
    }

    /** Runs one retention pass, tells the observer how it went, and returns what it deleted. */
    public CleanupPass run() {
        CleanupPass pass;
        try {
            Instant cutoff = policy.retentionCutoff(clock.instant());
            pass = new CleanupPass(deleteExpired(cutoff), deleteFinishedMessages(cutoff));
        } catch (RuntimeException e) {
            observer.passFailed(e);
            throw e;
        }
        observer.passCompleted(pass);
        return pass;
    }

    private long deleteFinishedMessages(Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = outbox.deleteFinishedBefore(cutoff, batchSize);
            total += deleted;
        } while (deleted == batchSize && !Thread.currentThread().isInterrupted());
        return total;
    }

    private long deleteExpired(Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = store.deleteOlderThan(cutoff, batchSize);
            total += deleted;
        } while (deleted == batchSize && !Thread.currentThread().isInterrupted());
        return total;
    }
}
