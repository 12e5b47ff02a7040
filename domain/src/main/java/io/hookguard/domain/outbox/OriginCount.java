package io.hookguard.domain.outbox;

import java.util.Objects;

/** How many messages of one delivery are in one state (for the console's list). */
public record OriginCount(MessageOrigin origin, MessageStatus status, long count) {

    public OriginCount {
        Objects.requireNonNull(origin, "'origin' is required");
        Objects.requireNonNull(status, "'status' is required");
        if (count < 1) {
            throw new IllegalArgumentException("'count' must be at least 1");
        }
    }
}
