package io.hookguard.domain.github;

import io.hookguard.domain.idempotency.WebhookId;
import java.util.Objects;

/** A verified GitHub delivery: its delivery id and event, the fields read from its body, and the raw body. */
public record ReceiveGithubDeliveryCommand(
        WebhookId deliveryId, GithubEvent event, String action, String repository, byte[] rawBody) {

    public ReceiveGithubDeliveryCommand {
        Objects.requireNonNull(deliveryId, "'deliveryId' is required");
        Objects.requireNonNull(event, "'event' is required");
        Objects.requireNonNull(rawBody, "'body' is required");
    }
}
