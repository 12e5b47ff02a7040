package io.hookguard.domain.outbox;

/** Where an outbound message stands: still to be delivered, delivered, or given up on. */
public enum MessageStatus {
    /** Waiting for its next attempt (or in one). Never deleted by retention. */
    PENDING,
    /** The destination has it. */
    DELIVERED,
    /** Refused by the destination, or the retry schedule ran out; only an operator's redelivery revives it. */
    DEAD
}
