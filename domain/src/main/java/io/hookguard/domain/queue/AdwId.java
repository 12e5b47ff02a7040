package io.hookguard.domain.queue;

import io.hookguard.domain.idempotency.InvalidInputException;
import io.hookguard.domain.idempotency.Text;
import java.util.Objects;

/** The id of the developer workflow run that reports a phase: 1..255 characters, no control characters. */
public record AdwId(String value) {

    public static final int MAX_LENGTH = 255;

    public AdwId {
        Objects.requireNonNull(value, "'adw_id' is required");
        if (value.isBlank() || value.length() > MAX_LENGTH || Text.hasControlCharacter(value)) {
            throw new InvalidInputException("adw_id", "must be 1..255 characters, not blank, without control characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
