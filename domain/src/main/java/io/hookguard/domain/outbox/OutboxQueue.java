package io.hookguard.domain.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    default boolean settle(LeasedMessage leased, Attempt attempt, Settlement settlement) {
        return settle(List.of(new Settling(leased, attempt, settlement))).contains(leased.id());
    }

    /**
     * {@link #settle(LeasedMessage, Attempt, Settlement) Settles} every one of {@code settlings} (the attempts of one
     * pass, of distinct messages) at once: as few round trips to the store as it allows. Returns the ids of the
     * messages settled; a message whose lease had been lost is left out, and left unchanged.
     */
    Set<MessageId> settle(List<Settling> settlings);

    /** Gives a lease back unused (a stopping dispatcher), so that the message is due again at once. */
    void release(LeasedMessage leased);

    /** {@link LeaseRule#nextWakeUp} over the pending messages of {@code destination}. */
    Optional<Instant> nextWakeUp(DestinationName destination);
}
