package io.hookguard.domain.queue;

import io.hookguard.domain.idempotency.InvalidInputException;
import java.util.Locale;

/** Where a phase stands; the wire and column form is the lower-case name. */
public enum PhaseStatus {
    QUEUED,
    READY,
    COMPLETED,
    FAILED,
    BLOCKED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PhaseStatus fromWireName(String wireName) {
        for (PhaseStatus status : values()) {
            if (status.wireName().equals(wireName)) {
                return status;
            }
        }
        throw new InvalidInputException("status", "must be one of queued, ready, completed, failed, blocked");
    }
}
