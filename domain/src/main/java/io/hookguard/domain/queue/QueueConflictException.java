package io.hookguard.domain.queue;

/** A plan could not be created: a queue id is taken or the issue already has phases. */
public final class QueueConflictException extends RuntimeException {

    public QueueConflictException(String message) {
        super(message);
    }
}
