package io.hookguard.domain.outbox;

import io.hookguard.domain.idempotency.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/** The name of a destination that accepted deliveries are forwarded to, as declared in the configuration. */
public record DestinationName(String value) {

    private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    public DestinationName {
        Objects.requireNonNull(value, "'destination' is required");
        if (!FORM.matcher(value).matches()) {
            throw new InvalidInputException("destination", "must be 1..64 characters of a-z, 0-9, '_' and '-', starting with a letter");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
