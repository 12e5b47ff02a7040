package io.hookguard.domain.idempotency;

import java.util.Objects;

/** The idempotency key of a delivery: unique per {@link WebhookType}, 1..255 characters. */
public record WebhookId(String value) {

    public static final int MAX_LENGTH = 255;

    public WebhookId {
        Objects.requireNonNull(value, "'webhookId' is required");
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new InvalidInputException("webhookId", "must be 1..255 characters and not blank");
        }
        if (Text.hasControlCharacter(value)) {
            throw new InvalidInputException("webhookId", "must not contain control characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
