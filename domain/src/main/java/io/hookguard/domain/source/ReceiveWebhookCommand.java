package io.hookguard.domain.source;

import io.hookguard.domain.idempotency.ReceivedRequest;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import java.util.Objects;

/** A verified delivery from a declared source: the source, the key found where the source says, the request. */
public record ReceiveWebhookCommand(WebhookType source, WebhookId key, ReceivedRequest request) {

    public ReceiveWebhookCommand {
        Objects.requireNonNull(source, "'source' is required");
        Objects.requireNonNull(key, "'key' is required");
        Objects.requireNonNull(request, "'request' is required");
    }
}
