package io.hookguard.domain.idempotency;

import io.hookguard.domain.outbox.Forward;
import java.util.Objects;
import java.util.function.Function;

/** What a delivery handler made of a claimed delivery. */
public sealed interface HandlerOutcome<R> {

    /** Applies {@code onSuccess} or {@code onRejected}, whichever matches; a new outcome adds a parameter. */
    <T> T map(Function<Success<R>, T> onSuccess, Function<Rejected<R>, T> onRejected);

    /** Whether the handler's effects are to be kept. */
    default boolean succeeded() {
        return map(success -> true, rejected -> false);
    }

    /**
     * The effect is done; {@code storedResponse} is kept with the completed row and answers every resend. The
     * handler gets it from the edge's format of {@code value} (a {@link ResponseFormat}), never builds it itself.
     * {@code forward} says what the source's destinations receive: the request, or the events the effect caused.
     */
    record Success<R>(R value, String storedResponse, Forward forward) implements HandlerOutcome<R> {
        public Success {
            Objects.requireNonNull(value, "'value' is required");
            Objects.requireNonNull(storedResponse, "'storedResponse' is required");
            Objects.requireNonNull(forward, "'forward' is required");
        }

        /** A success that forwards the request as received (if its source forwards at all). */
        public Success(R value, String storedResponse) {
            this(value, storedResponse, Forward.request());
        }

        @Override
        public <T> T map(Function<Success<R>, T> onSuccess, Function<Rejected<R>, T> onRejected) {
            return onSuccess.apply(this);
        }
    }

    /** The delivery was refused; its effects are undone and the claim is released as FAILED. */
    record Rejected<R>(Rejection rejection) implements HandlerOutcome<R> {
        public Rejected {
            Objects.requireNonNull(rejection, "'rejection' is required");
        }

        @Override
        public <T> T map(Function<Success<R>, T> onSuccess, Function<Rejected<R>, T> onRejected) {
            return onRejected.apply(this);
        }
    }
}
