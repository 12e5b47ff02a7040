package io.hookguard.domain.idempotency;

import java.util.Objects;

/** One header of a received request, as it arrived. */
public record RequestHeader(String name, String value) {

    public RequestHeader {
        Objects.requireNonNull(name, "'name' is required");
        Objects.requireNonNull(value, "'value' is required");
    }
}
