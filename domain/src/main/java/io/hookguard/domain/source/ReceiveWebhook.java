package io.hookguard.domain.source;

import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.DeliveryKey;
import io.hookguard.domain.idempotency.Fingerprint;
import io.hookguard.domain.idempotency.HandlerOutcome;
import io.hookguard.domain.idempotency.IdempotentIntake;
import io.hookguard.domain.idempotency.IntakeResult;
import io.hookguard.domain.idempotency.ResponseFormat;
import io.hookguard.domain.outbox.Forwarding;
import java.util.Objects;

/**
 * Accepts a verified delivery of a declared source exactly once. Its effect is the stored request and the messages
 * to the source's destinations, which the intake writes in the claim's unit of work; the fingerprint is the SHA-256
 * of the raw body, so the same key with another body is a mismatch.
 */
public final class ReceiveWebhook {

    private final IdempotentIntake intake;
    private final Forwarding forwarding;
    private final ResponseFormat<WebhookReceipt> format;

    public ReceiveWebhook(IdempotentIntake intake, Forwarding forwarding, ResponseFormat<WebhookReceipt> format) {
        this.intake = Objects.requireNonNull(intake, "intake");
        this.forwarding = Objects.requireNonNull(forwarding, "forwarding");
        this.format = Objects.requireNonNull(format, "format");
    }

    public IntakeResult<WebhookReceipt> receive(ReceiveWebhookCommand command) {
        DeliveryKey key = new DeliveryKey(command.key(), Fingerprint.of(command.request().received().body()));
        Delivery delivery = Delivery.of(command.source(), key).withRequest(command.request());
        WebhookReceipt receipt = new WebhookReceipt(command.source(), command.key(), command.request().eventType(),
                forwarding.destinationsOf(command.source()).size());
        return intake.accept(delivery, claim -> new HandlerOutcome.Success<>(receipt, format.format(receipt)));
    }
}
