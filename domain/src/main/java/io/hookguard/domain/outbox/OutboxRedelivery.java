package io.hookguard.domain.outbox;

import java.time.Instant;

/** Operators' redelivery: a message is pending again, due at once, at the start of its retry schedule. */
public interface OutboxRedelivery {

    /**
     * Makes the message pending and due at {@code now}, whatever its state (also when delivered). A lease held on
     * it is kept, so an attempt in flight is not doubled. False when there is no such message.
     */
    boolean redeliver(MessageId id, Instant now);

    /** Redelivers every dead message of {@code destination}; returns how many. */
    int redeliverDead(DestinationName destination, Instant now);
}
