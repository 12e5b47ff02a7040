package io.hookguard.domain.outbox;

import java.time.Instant;

/** Removes finished messages: delivered and dead ones written before a cutoff. Pending ones are never deleted. */
public interface OutboxRetention {

    /** Deletes up to {@code limit} delivered or dead messages written before {@code cutoff}, with their attempts. */
    int deleteFinishedBefore(Instant cutoff, int limit);
}
