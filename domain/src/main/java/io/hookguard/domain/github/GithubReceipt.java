package io.hookguard.domain.github;

import io.hookguard.domain.idempotency.WebhookId;
import java.util.Objects;

/** The answer to a processed GitHub delivery; {@code stored} is false for events that are only acknowledged. */
public record GithubReceipt(WebhookId deliveryId, GithubEvent event, boolean stored) {

    public GithubReceipt {
        Objects.requireNonNull(deliveryId, "'deliveryId' is required");
        Objects.requireNonNull(event, "'event' is required");
    }
}
