package io.hookguard.domain.idempotency;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a sender sent, kept with the claim for operators and forwarded to the source's destinations.
 *
 * @param received  the body and content type as received (what the signature covered)
 * @param headers   the request headers in arrival order; credentials ({@link RequestHeader#CREDENTIALS}) are dropped
 *                  here, so that no store keeps them even if the edge passed them on
 * @param eventType the sender's event type where the source says where to find it, else null
 * @param forwarded what destinations receive: usually {@code received}; GitHub's form deliveries forward the JSON of
 *                  their {@code payload} field
 */
public record ReceivedRequest(Payload received, List<RequestHeader> headers, String eventType, Payload forwarded) {

    public static final int MAX_EVENT_TYPE_LENGTH = 255;

    public ReceivedRequest {
        Objects.requireNonNull(received, "'received' is required");
        headers = Objects.requireNonNull(headers, "'headers' is required").stream()
                .filter(header -> !header.isCredential())
                .toList();
        Objects.requireNonNull(forwarded, "'forwarded' is required");
        if (eventType != null && (eventType.isEmpty() || eventType.length() > MAX_EVENT_TYPE_LENGTH)) {
            throw new InvalidInputException("eventType", "must be 1..255 characters");
        }
    }

    /** A request whose destinations receive the body as it came. */
    public static ReceivedRequest of(Payload received, List<RequestHeader> headers, String eventType) {
        return new ReceivedRequest(received, headers, eventType, received);
    }

    public Optional<String> event() {
        return Optional.ofNullable(eventType);
    }
}
