package io.hookguard.domain.queue;

import io.hookguard.domain.idempotency.InvalidInputException;
import io.hookguard.domain.idempotency.Text;
import java.util.Objects;

/** The title of a phase: 1..200 characters, not blank, without control characters. */
public record PhaseTitle(String value) {

    public static final int MAX_LENGTH = 200;

    public PhaseTitle {
        Objects.requireNonNull(value, "'title' is required");
        if (value.isBlank() || value.length() > MAX_LENGTH || Text.hasControlCharacter(value)) {
            throw new InvalidInputException("title", "must be 1..200 characters, not blank, without control characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
