package io.hookguard.domain.idempotency;

import java.util.Objects;

/** A body with its media type, exactly as it came or as it is to be sent. */
public record Payload(String contentType, byte[] body) {

    public static final int MAX_CONTENT_TYPE_LENGTH = 255;

    public Payload {
        Objects.requireNonNull(contentType, "'contentType' is required");
        Objects.requireNonNull(body, "'body' is required");
        if (contentType.isEmpty() || contentType.length() > MAX_CONTENT_TYPE_LENGTH) {
            throw new InvalidInputException("contentType", "must be 1..255 characters");
        }
    }
}
