package io.hookguard.domain.idempotency;

import java.util.Objects;
import java.util.Optional;

/**
 * A delivery presented for a claim: its type, key and fingerprint, plus the optional metadata the
 * store keeps for operators ({@code adwId}, {@code issueNumber}) and the request as received, which the store keeps
 * with the claim and the intake forwards ({@code request}, null where the caller has none, as in store tests).
 */
public record Delivery(WebhookType type, DeliveryKey key, String adwId, Integer issueNumber, ReceivedRequest request) {

    public static final int MAX_ADW_ID_LENGTH = 255;

    public Delivery {
        Objects.requireNonNull(type, "'webhookType' is required");
        Objects.requireNonNull(key, "'key' is required");
        if (adwId != null && (adwId.isEmpty() || adwId.length() > MAX_ADW_ID_LENGTH)) {
            throw new InvalidInputException("adwId", "must be 1..255 characters");
        }
        if (issueNumber != null && issueNumber <= 0) {
            throw new InvalidInputException("issueNumber", "must be a positive integer");
        }
    }

    /** A delivery without a received request. */
    public Delivery(WebhookType type, DeliveryKey key, String adwId, Integer issueNumber) {
        this(type, key, adwId, issueNumber, null);
    }

    public static Delivery of(WebhookType type, DeliveryKey key) {
        return new Delivery(type, key, null, null, null);
    }

    public Delivery withRequest(ReceivedRequest received) {
        return new Delivery(type, key, adwId, issueNumber, received);
    }

    public Optional<ReceivedRequest> received() {
        return Optional.ofNullable(request);
    }

    public WebhookId id() {
        return key.webhookId();
    }

    public Fingerprint fingerprint() {
        return key.fingerprint();
    }
}
