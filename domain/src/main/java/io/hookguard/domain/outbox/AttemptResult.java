package io.hookguard.domain.outbox;

import java.util.Objects;
import java.util.Optional;

/** What one attempt to hand a message to its destination came to. */
public sealed interface AttemptResult {

    /** The status code the destination answered, when it answered one (HTTP). */
    Optional<Integer> statusCode();

    /** The first part of the answer, or the error: kept with the attempt for operators. */
    String detail();

    /** The destination has the message. */
    record Delivered(Integer status, String detail) implements AttemptResult {
        public Delivered {
            Objects.requireNonNull(detail, "'detail' is required");
        }

        @Override
        public Optional<Integer> statusCode() {
            return Optional.ofNullable(status);
        }
    }

    /** The attempt failed (error status, timeout, connection refused, no acknowledgement): retry on schedule. */
    record Failed(Integer status, String detail) implements AttemptResult {
        public Failed {
            Objects.requireNonNull(detail, "'detail' is required");
        }

        @Override
        public Optional<Integer> statusCode() {
            return Optional.ofNullable(status);
        }
    }

    /** The destination refused the message for good (HTTP 410 Gone): dead at once, no retry. */
    record Refused(Integer status, String detail) implements AttemptResult {
        public Refused {
            Objects.requireNonNull(detail, "'detail' is required");
        }

        @Override
        public Optional<Integer> statusCode() {
            return Optional.ofNullable(status);
        }
    }
}
