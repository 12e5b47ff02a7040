package io.hookguard.domain.idempotency;

/** A store could not do what was asked for reasons outside the domain; nothing was decided. */
public abstract sealed class StoreException extends RuntimeException
        permits StoreUnavailableException, StoreContentionException {

    protected StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
