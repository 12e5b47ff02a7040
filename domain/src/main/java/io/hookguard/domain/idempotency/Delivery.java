package io.hookguard.domain.idempotency;

import java.util.Objects;

/**
 * A delivery presented for a claim: its type, key and fingerprint, plus the optional metadata the
 * store keeps for operators ({@code adwId}, {@code issueNumber}).
 */
public record Delivery(WebhookType type, DeliveryKey key, String adwId, Integer issueNumber) {

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

    public static Delivery of(WebhookType type, DeliveryKey key) {
        return new Delivery(type, key, null, null);
    }

    public WebhookId id() {
        return key.webhookId();
    }

    public Fingerprint fingerprint() {
        return key.fingerprint();
    }
}
