package io.hookguard.domain.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which pending messages of one destination an instance may lease now, as pure functions of the messages and the
 * time. A message may be leased when it is pending, due ({@code nextAttemptAt <= now}), nobody holds a live lease
 * on it, and no earlier message with the same ordering key is still pending (ordering: a later message waits
 * while an earlier one is in flight, waiting for its retry, or not yet attempted). Dead and delivered messages
 * block nothing. Store adapters express the same rule in their query; the contract tests hold them to it.
 */
public final class LeaseRule {

    /** Time a lease adds to the destination's timeout, so that a slow answer still settles under the lease. */
    public static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    private LeaseRule() {
    }

    /** How long an instance holds a message it attempts: the destination's timeout plus a margin. */
    public static Duration leaseLength(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("'timeout' must be positive");
        }
        return timeout.plus(LEASE_MARGIN);
    }

    /** The end of a lease taken at {@code now}, at the microsecond precision that databases keep. */
    public static Instant leaseUntil(Instant now, Duration lease) {
        return now.plus(lease).truncatedTo(ChronoUnit.MICROS);
    }

    /** Whether {@code entry} is pending and due, with no live lease on it. */
    public static boolean isDue(QueueEntry entry, Instant now) {
        return entry.status() == MessageStatus.PENDING
                && !entry.nextAttemptAt().isAfter(now)
                && (entry.lockedUntil() == null || !entry.lockedUntil().isAfter(now));
    }

    /**
     * The messages of one destination that may be leased at {@code now}, at most {@code limit}, the longest due
     * first (then in the order written).
     */
    public static List<QueueEntry> leasable(Collection<QueueEntry> ofDestination, Instant now, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("'limit' must be at least 1");
        }
        return heads(ofDestination).stream()
                .filter(entry -> isDue(entry, now))
                .sorted(Comparator.comparing(QueueEntry::nextAttemptAt).thenComparingLong(QueueEntry::sequence))
                .limit(limit)
                .toList();
    }

    /**
     * When something of this destination may next become leasable: the earliest time at which a pending message
     * that no earlier message blocks is due and free of leases. Empty when nothing is pending. A message blocked by
     * an earlier one is covered by the earlier one's time, so a waiting dispatcher never wakes for it in vain.
     */
    public static Optional<Instant> nextWakeUp(Collection<QueueEntry> ofDestination) {
        return heads(ofDestination).stream()
                .map(LeaseRule::freeAt)
                .min(Comparator.naturalOrder());
    }

    /** When a pending message is both due and free of leases. */
    public static Instant freeAt(QueueEntry entry) {
        Instant lock = entry.lockedUntil();
        return lock != null && lock.isAfter(entry.nextAttemptAt()) ? lock : entry.nextAttemptAt();
    }

    /** The pending messages that no earlier pending message with the same ordering key blocks. */
    private static List<QueueEntry> heads(Collection<QueueEntry> ofDestination) {
        Map<String, QueueEntry> firstOfKey = new HashMap<>();
        for (QueueEntry entry : ofDestination) {
            if (entry.status() == MessageStatus.PENDING && entry.orderingKey() != null) {
                firstOfKey.merge(entry.orderingKey(), entry,
                        (a, b) -> a.sequence() <= b.sequence() ? a : b);
            }
        }
        return ofDestination.stream()
                .filter(entry -> entry.status() == MessageStatus.PENDING)
                .filter(entry -> entry.orderingKey() == null || firstOfKey.get(entry.orderingKey()) == entry)
                .toList();
    }
}
