package io.hookguard.domain.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * A message an instance holds a lease on, to attempt it once.
 *
 * @param message     the message
 * @param attempts    attempts made before this one (all time)
 * @param failures    consecutive failed attempts since it was written or last redelivered: its place in the schedule
 * @param leasedUntil the end of the lease; settling after it has passed may find the message taken by another
 */
public record LeasedMessage(OutboundMessage message, int attempts, int failures, Instant leasedUntil) {

    public LeasedMessage {
        Objects.requireNonNull(message, "'message' is required");
        Objects.requireNonNull(leasedUntil, "'leasedUntil' is required");
        if (attempts < 0 || failures < 0 || failures > attempts) {
            throw new IllegalArgumentException("'attempts' and 'failures' must satisfy 0 <= failures <= attempts");
        }
    }

    public MessageId id() {
        return message.id();
    }
}
