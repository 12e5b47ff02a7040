package io.hookguard.domain.deliveries;

import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.MessageId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A message forwarded for a delivery, as operators see it: destination, state and each attempt. */
public record OutboundMessageView(MessageId id, DestinationName destination, String state, List<Attempt> attempts) {

    public OutboundMessageView {
        Objects.requireNonNull(id, "'id' is required");
        Objects.requireNonNull(destination, "'destination' is required");
        Objects.requireNonNull(state, "'state' is required");
        attempts = List.copyOf(Objects.requireNonNull(attempts, "'attempts' is required"));
    }

    /** One attempt to hand the message to its destination: when, how it ended, and what the destination said. */
    public record Attempt(int number, Instant at, String result, Optional<String> detail) {

        public Attempt {
            if (number < 1) {
                throw new IllegalArgumentException("'number' must be at least 1");
            }
            Objects.requireNonNull(at, "'at' is required");
            Objects.requireNonNull(result, "'result' is required");
            Objects.requireNonNull(detail, "'detail' is required (may be empty)");
        }
    }
}
