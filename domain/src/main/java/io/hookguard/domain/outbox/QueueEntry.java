package io.hookguard.domain.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * The state of one message that the lease rule decides on.
 *
 * @param id            the message
 * @param sequence      the order in which messages were written (greater = later)
 * @param orderingKey   messages sharing it are delivered in sequence order; null when unordered
 * @param status        where it stands
 * @param nextAttemptAt when it is due (pending messages)
 * @param lockedUntil   the end of the lease of the instance attempting it, or null when nobody holds one
 */
public record QueueEntry(MessageId id, long sequence, String orderingKey, MessageStatus status,
        Instant nextAttemptAt, Instant lockedUntil) {

    public QueueEntry {
        Objects.requireNonNull(id, "'id' is required");
        Objects.requireNonNull(status, "'status' is required");
        Objects.requireNonNull(nextAttemptAt, "'nextAttemptAt' is required");
    }
}
