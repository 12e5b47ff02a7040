package io.hookguard.domain.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message as operators see it.
 *
 * @param message       the message
 * @param status        where it stands
 * @param attemptCount  attempts made
 * @param nextAttemptAt when a pending message is due (null otherwise)
 * @param deliveredAt   when it was delivered (null unless delivered)
 * @param lastError     the detail of the last failed attempt, or null
 * @param attempts      the attempts, oldest first (empty in lists, which leave them out)
 */
public record MessageView(OutboundMessage message, MessageStatus status, int attemptCount, Instant nextAttemptAt,
        Instant deliveredAt, String lastError, List<Attempt> attempts) {

    public MessageView {
        Objects.requireNonNull(message, "'message' is required");
        Objects.requireNonNull(status, "'status' is required");
        attempts = List.copyOf(attempts);
    }

    public MessageId id() {
        return message.id();
    }

    public Optional<Instant> nextAttempt() {
        return Optional.ofNullable(nextAttemptAt);
    }
}
