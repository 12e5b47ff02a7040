package io.hookguard.domain.idempotency;

/**
 * Another transaction holds what this one needs past the lock timeout (or a deadlock was broken); the
 * work was rolled back and a retry will succeed or see the other's outcome (409).
 */
public final class StoreContentionException extends StoreException {

    public StoreContentionException(String message, Throwable cause) {
        super(message, cause);
    }
}
