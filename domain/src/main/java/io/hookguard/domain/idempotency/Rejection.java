package io.hookguard.domain.idempotency;

import java.util.Objects;

/** Why a handler refused a claimed delivery; the claim is released so a later retry is processed. */
public record Rejection(Reason reason, String detail) {

    /** The kinds of refusal, each with its own HTTP status at the edge. */
    public enum Reason {
        /** The delivery refers to something that does not exist (yet). */
        NOT_FOUND,
        /** The delivery contradicts the current state. */
        CONFLICT
    }

    public Rejection {
        Objects.requireNonNull(reason, "'reason' is required");
        Objects.requireNonNull(detail, "'detail' is required");
    }
}
