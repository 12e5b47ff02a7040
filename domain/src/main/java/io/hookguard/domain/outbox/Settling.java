package io.hookguard.domain.outbox;

import java.util.Objects;

/**
 * One attempt to settle: the leased message, the attempt made under that lease, and what it leaves the message as.
 */
public record Settling(LeasedMessage leased, Attempt attempt, Settlement settlement) {

    public Settling {
        Objects.requireNonNull(leased, "'leased' is required");
        Objects.requireNonNull(attempt, "'attempt' is required");
        Objects.requireNonNull(settlement, "'settlement' is required");
    }
}
