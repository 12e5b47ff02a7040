package io.hookguard.domain.idempotency;

/** The state of a delivery in the store. */
public enum EventStatus {
    PROCESSING,
    COMPLETED,
    FAILED
}
