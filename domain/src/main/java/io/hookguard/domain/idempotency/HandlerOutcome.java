package io.hookguard.domain.idempotency;

import java.util.Objects;

/** What a delivery handler made of a claimed delivery. */
public sealed interface HandlerOutcome<R> {

    /** The effect is done; {@code storedResponse} is kept with the completed row. */
    record Success<R>(R value, String storedResponse) implements HandlerOutcome<R> {
        public Success {
            Objects.requireNonNull(value, "'value' is required");
            Objects.requireNonNull(storedResponse, "'storedResponse' is required");
        }
    }

    /** The delivery was refused; its effects are undone and the claim is released as FAILED. */
    record Rejected<R>(Rejection rejection) implements HandlerOutcome<R> {
        public Rejected {
            Objects.requireNonNull(rejection, "'rejection' is required");
        }
    }
}
