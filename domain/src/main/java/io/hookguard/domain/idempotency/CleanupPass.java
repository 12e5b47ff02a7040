package io.hookguard.domain.idempotency;

/**
 * What one retention pass deleted.
 *
 * @param events   webhook events past retention
 * @param messages delivered and dead outbox messages written before the same cutoff (never pending ones)
 */
public record CleanupPass(long events, long messages) {

    public CleanupPass {
        if (events < 0 || messages < 0) {
            throw new IllegalArgumentException("'events' and 'messages' must not be negative");
        }
    }
}
