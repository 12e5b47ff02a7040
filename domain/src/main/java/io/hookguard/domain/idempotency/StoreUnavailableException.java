package io.hookguard.domain.idempotency;

/** The store cannot be reached or did not answer in time; the caller should retry later (503). */
public final class StoreUnavailableException extends StoreException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
