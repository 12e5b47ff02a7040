package io.hookguard.domain.github;

import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.DeliveryKey;
import io.hookguard.domain.idempotency.HandlerOutcome;
import io.hookguard.domain.idempotency.IdempotentIntake;
import io.hookguard.domain.idempotency.IntakeResult;
import io.hookguard.domain.idempotency.ReceivedRequest;
import io.hookguard.domain.idempotency.ResponseFormat;
import io.hookguard.domain.idempotency.WebhookType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;

/** Accepts a verified GitHub delivery exactly once: claimed by delivery id, appended to the inbox. */
public final class ReceiveGithubDelivery {

    private final IdempotentIntake intake;
    private final GithubInbox inbox;
    private final Clock clock;
    private final ResponseFormat<GithubReceipt> format;

    /** {@code format} writes the response stored with a processed delivery (and replayed to its resends). */
    public ReceiveGithubDelivery(IdempotentIntake intake, GithubInbox inbox, Clock clock,
            ResponseFormat<GithubReceipt> format) {
        this.intake = Objects.requireNonNull(intake, "intake");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.format = Objects.requireNonNull(format, "format");
    }

    public IntakeResult<GithubReceipt> receive(ReceiveGithubDeliveryCommand command) {
        return receive(command, null);
    }

    /** As {@link #receive(ReceiveGithubDeliveryCommand)}, keeping the request as received with the claim. */
    public IntakeResult<GithubReceipt> receive(ReceiveGithubDeliveryCommand command, ReceivedRequest request) {
        DeliveryKey key = DeliveryKey.forGithubDelivery(command.deliveryId(), command.rawBody());
        Delivery delivery = Delivery.of(WebhookType.GITHUB, key);
        return intake.accept(request == null ? delivery : delivery.withRequest(request), claim -> append(command));
    }

    private HandlerOutcome<GithubReceipt> append(ReceiveGithubDeliveryCommand command) {
        boolean stored = false;
        if (!command.event().equals(GithubEvent.PING)) {
            inbox.append(new InboxEntry(command.deliveryId(), command.event(), command.action(), command.repository(),
                    new String(command.rawBody(), StandardCharsets.UTF_8), clock.instant()));
            stored = true;
        }
        GithubReceipt receipt = new GithubReceipt(command.deliveryId(), command.event(), stored);
        return new HandlerOutcome.Success<>(receipt, format.format(receipt));
    }
}
