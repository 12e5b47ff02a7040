package io.hookguard.domain.outbox;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One dispatch pass for one destination.
 *
 * @param destination where the messages go
 * @param schedule    the destination's retry schedule
 * @param lease       how long each leased message is held (see {@link LeaseRule#leaseLength}); it covers the
 *                    batch's attempts made one after the other, as a destination without asynchronous sends does
 * @param batchSize   at most this many messages are leased and attempted, in flight together where the
 *                    destination sends asynchronously ({@link Destination#sendAsync}), else one after the other
 * @param stopping    asked before each attempt begins; once true, the rest of the batch is given back unattempted
 */
public record DispatchCommand(Destination destination, RetrySchedule schedule, Duration lease, int batchSize,
        BooleanSupplier stopping) {

    public DispatchCommand {
        Objects.requireNonNull(destination, "'destination' is required");
        Objects.requireNonNull(schedule, "'schedule' is required");
        Objects.requireNonNull(lease, "'lease' is required");
        Objects.requireNonNull(stopping, "'stopping' is required");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("'lease' must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("'batchSize' must be at least 1");
        }
    }

    /** A pass that is never asked to stop early. */
    public DispatchCommand(Destination destination, RetrySchedule schedule, Duration lease, int batchSize) {
        this(destination, schedule, lease, batchSize, () -> false);
    }
}
