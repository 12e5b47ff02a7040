package io.hookguard.domain.deliveries;

import io.hookguard.domain.idempotency.EventStatus;
import java.util.Locale;
import java.util.Objects;

/** How a delivery ended as operators filter it: processed, failed or still in flight. */
public enum DeliveryOutcome {
    PROCESSED(EventStatus.COMPLETED),
    FAILED(EventStatus.FAILED),
    IN_FLIGHT(EventStatus.PROCESSING);

    private final EventStatus status;

    DeliveryOutcome(EventStatus status) {
        this.status = status;
    }

    /** The stored status this outcome corresponds to. */
    public EventStatus status() {
        return status;
    }

    /** The lower-case name used in URLs and on the page: {@code processed}, {@code failed}, {@code in_flight}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryOutcome of(EventStatus status) {
        Objects.requireNonNull(status, "'status' is required");
        for (DeliveryOutcome outcome : values()) {
            if (outcome.status == status) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("'status' " + status + " has no outcome");
    }

    /** Parses a {@link #label()}; the message names the field. */
    public static DeliveryOutcome parse(String label) {
        Objects.requireNonNull(label, "'outcome' is required");
        for (DeliveryOutcome outcome : values()) {
            if (outcome.label().equals(label)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("'outcome' must be one of processed, failed, in_flight");
    }
}
