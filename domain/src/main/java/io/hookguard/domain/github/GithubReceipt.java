package io.hookguard.domain.github;

import io.hookguard.domain.idempotency.Text;
import io.hookguard.domain.idempotency.WebhookId;

/** The answer to a processed GitHub delivery; {@code stored} is false for events that are only acknowledged. */
public record GithubReceipt(WebhookId deliveryId, GithubEvent event, boolean stored) {

    public String toStoredResponse() {
        return "{\"delivery_id\":" + Text.jsonString(deliveryId.value()) + ",\"event\":"
                + Text.jsonString(event.name()) + ",\"stored\":" + stored + "}";
    }
}
