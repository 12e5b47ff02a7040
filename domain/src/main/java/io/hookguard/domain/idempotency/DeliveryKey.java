package io.hookguard.domain.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A delivery's idempotency key together with the fingerprint of its content. */
public record DeliveryKey(WebhookId webhookId, Fingerprint fingerprint) {

    public DeliveryKey {
        Objects.requireNonNull(webhookId, "'webhookId' is required");
        Objects.requireNonNull(fingerprint, "'fingerprint' is required");
    }

    /**
     * The key of a workflow completion: the lowercase hex SHA-256 of {@code "{adw_id}:{status}:{queue_id}"},
     * all 64 characters; the fingerprint is the same digest.
     */
    public static DeliveryKey forWorkflowCompletion(String adwId, String status, String queueId) {
        String digest = Fingerprint.sha256Hex(
                (adwId + ":" + status + ":" + queueId).getBytes(StandardCharsets.UTF_8));
        return new DeliveryKey(new WebhookId(digest), new Fingerprint(digest));
    }

    /** The key of a GitHub delivery: its delivery id; the fingerprint is the SHA-256 of the raw body. */
    public static DeliveryKey forGithubDelivery(WebhookId deliveryId, byte[] rawBody) {
        return new DeliveryKey(deliveryId, Fingerprint.of(rawBody));
    }
}
