package io.hookguard.domain.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The dispatcher's side of the outbox: lease due messages, settle each attempt. Several instances may lease from
 * one store at once; a message is leased by one of them at a time, following {@link LeaseRule}.
 */
public interface OutboxQueue {

    /**
     * Leases up to {@code limit} messages of {@code destination} that {@link LeaseRule#leasable} allows at
     * {@code now}, until {@code leaseUntil}, atomically: concurrent callers get different messages.
     */
    List<LeasedMessage> lease(DestinationName destination, Instant now, Instant leaseUntil, int limit);

    /**
     * Records {@code attempt} and leaves the message as {@code settlement} says, when the caller still holds the
     * lease it took. Returns false, changing nothing, when the lease has been lost (expired and taken over, or the
     * message was redelivered or removed in the meantime).
     */
    boolean settle(LeasedMessage leased, Attempt attempt, Settlement settlement);

    /** Gives a lease back unused (a stopping dispatcher), so that the message is due again at once. */
    void release(LeasedMessage leased);

    /** {@link LeaseRule#nextWakeUp} over the pending messages of {@code destination}. */
    Optional<Instant> nextWakeUp(DestinationName destination);
}
