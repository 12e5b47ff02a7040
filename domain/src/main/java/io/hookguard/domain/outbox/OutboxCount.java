package io.hookguard.domain.outbox;

import java.util.Objects;

/** How many messages of one destination are in one state (for metrics). */
public record OutboxCount(DestinationName destination, MessageStatus status, long count) {

    public OutboxCount {
        Objects.requireNonNull(destination, "'destination' is required");
        Objects.requireNonNull(status, "'status' is required");
        if (count < 0) {
            throw new IllegalArgumentException("'count' must not be negative");
        }
    }
}
