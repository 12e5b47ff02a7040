package io.hookguard.domain.outbox;

/**
 * Told by a unit of work after it committed outbox messages, so that an idle dispatcher starts at once instead of
 * at its next poll. Only a hint: a message is delivered without it, later.
 */
@FunctionalInterface
public interface OutboxSignal {

    OutboxSignal NONE = () -> { };

    /** Call after the commit (never inside the transaction): the messages are visible to the dispatcher. */
    void messagesCommitted();
}
