package io.hookguard.domain.deliveries;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** How many deliveries received in the minute starting at {@code minute} have this outcome now. */
public record MinuteCount(Instant minute, DeliveryOutcome outcome, long count) {

    public MinuteCount {
        Objects.requireNonNull(minute, "'minute' is required");
        Objects.requireNonNull(outcome, "'outcome' is required");
        if (!minute.truncatedTo(ChronoUnit.MINUTES).equals(minute)) {
            throw new IllegalArgumentException("'minute' must start a minute");
        }
        if (count < 0) {
            throw new IllegalArgumentException("'count' must not be negative");
        }
    }
}
