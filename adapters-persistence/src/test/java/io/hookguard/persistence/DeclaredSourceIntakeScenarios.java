package io.hookguard.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.deliveries.StoredRequest;
import io.hookguard.domain.idempotency.ClaimOutcome;
import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.DeliveryKey;
import io.hookguard.domain.idempotency.EventStatus;
import io.hookguard.domain.idempotency.Fingerprint;
import io.hookguard.domain.idempotency.IdempotencyPolicy;
import io.hookguard.domain.idempotency.IdempotentIntake;
import io.hookguard.domain.idempotency.IntakeResult;
import io.hookguard.domain.idempotency.Payload;
import io.hookguard.domain.idempotency.ReceivedRequest;
import io.hookguard.domain.idempotency.RequestHeader;
import io.hookguard.domain.idempotency.WebhookEvent;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.outbox.Forwarding;
import io.hookguard.domain.source.ReceiveWebhook;
import io.hookguard.domain.source.ReceiveWebhookCommand;
import io.hookguard.domain.source.WebhookReceipt;
import io.hookguard.domain.testing.MutableClock;
import io.hookguard.persistence.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exactly-once rules for a declared source, end to end through {@link ReceiveWebhook} on the jOOQ adapters, as
 * for the built-in senders: a resend is replayed, a resend while the key is held is in flight, the same key with
 * another body is a mismatch, and a failed attempt is released so that the retry is processed. The request is kept
 * with the claim throughout.
 */
abstract class DeclaredSourceIntakeScenarios {

    private static final WebhookType STRIPE = new WebhookType("stripe");
    private static final WebhookId KEY = new WebhookId("evt_1NG8Du2eZvKYlo2CUI79vXWy");
    private static final String BODY = "{\"id\":\"evt_1NG8Du2eZvKYlo2CUI79vXWy\",\"type\":\"invoice.paid\"}";

    protected final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    private final IdempotencyPolicy policy = new IdempotencyPolicy(Duration.ofDays(7), Duration.ofSeconds(60),
            Duration.ofDays(7), Map.of(STRIPE, Duration.ofDays(3)));
    private final AtomicInteger failuresToCome = new AtomicInteger();
    private JooqWebhookEventStore events;
    private ReceiveWebhook receive;

    protected abstract TestDatabase db();

    @BeforeEach
    void createIntake() {
        db().reset();
        events = new JooqWebhookEventStore(db().database());
        IdempotentIntake intake = new IdempotentIntake(events, new JooqUnitOfWork(db().database()), policy, clock);
        receive = new ReceiveWebhook(intake, Forwarding.none(), this::format);
    }

    /** The response the route stores; fails while {@link #failuresToCome} is positive, as a failing handler would. */
    private String format(WebhookReceipt receipt) {
        if (failuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("the handler failed");
        }
        return "{\"source\":\"" + receipt.source() + "\",\"key\":\"" + receipt.key() + "\"}";
    }

    private static ReceiveWebhookCommand delivery(String body, String signature) {
        return new ReceiveWebhookCommand(STRIPE, KEY, ReceivedRequest.of(
                new Payload("application/json", body.getBytes(StandardCharsets.UTF_8)),
                List.of(new RequestHeader("Stripe-Signature", signature),
                        new RequestHeader("Authorization", "Bearer not-to-be-kept"),
                        new RequestHeader("Content-Type", "application/json")),
                "invoice.paid"));
    }

    private WebhookEvent row() {
        return events.find(STRIPE, KEY).orElseThrow();
    }

    private StoredRequest storedRequest() {
        return events.findRequest(STRIPE, KEY).orElseThrow();
    }

    @Test
    void firstDeliveryIsProcessedAndKeepsItsRequestWithoutCredentials() {
        assertThat(receive.receive(delivery(BODY, "t=1,v1=first"))).isInstanceOf(IntakeResult.Processed.class);

        assertThat(row().status()).isEqualTo(EventStatus.COMPLETED);
        assertThat(row().eventType()).isEqualTo("invoice.paid");
        assertThat(storedRequest().headers()).containsExactly(
                new StoredRequest.Header("Stripe-Signature", "t=1,v1=first"),
                new StoredRequest.Header("Content-Type", "application/json"));
        assertThat(storedRequest().body()).isEqualTo(BODY);
    }

    @Test
    void resendIsReplayedAndLeavesTheStoredRequestAlone() {
        IntakeResult<WebhookReceipt> first = receive.receive(delivery(BODY, "t=1,v1=first"));
        clock.advance(Duration.ofHours(1));

        IntakeResult<WebhookReceipt> resend = receive.receive(delivery(BODY, "t=3601,v1=resend"));

        assertThat(first).isInstanceOf(IntakeResult.Processed.class);
        assertThat(resend).isInstanceOfSatisfying(IntakeResult.Replayed.class, replayed -> assertThat(
                replayed.storedResponse()).isEqualTo("{\"source\":\"stripe\",\"key\":\"" + KEY + "\"}"));
        assertThat(row().attempts()).isEqualTo(1);
        assertThat(storedRequest().headers()).first()
                .isEqualTo(new StoredRequest.Header("Stripe-Signature", "t=1,v1=first"));
    }

    @Test
    void resendWhileAnotherAttemptHoldsTheKeyIsInFlight() {
        Delivery heldByAnotherInstance = Delivery.of(STRIPE, new DeliveryKey(KEY, Fingerprint.of(BODY)));
        assertThat(events.claim(policy.claimRequest(heldByAnotherInstance, clock.instant())))
                .isInstanceOf(ClaimOutcome.Claimed.class);
        clock.advance(Duration.ofSeconds(10));

        assertThat(receive.receive(delivery(BODY, "t=10,v1=resend"))).isInstanceOf(IntakeResult.InFlight.class);
        assertThat(row().status()).isEqualTo(EventStatus.PROCESSING);
    }

    @Test
    void sameKeyWithAnotherBodyIsMismatch() {
        receive.receive(delivery(BODY, "t=1,v1=first"));

        assertThat(receive.receive(delivery(BODY.replace("paid", "void"), "t=2,v1=other")))
                .isInstanceOf(IntakeResult.Mismatch.class);
        assertThat(storedRequest().body()).isEqualTo(BODY);
    }

    @Test
    void failedAttemptIsReleasedAndTheRetryIsProcessedWithItsOwnRequest() {
        failuresToCome.set(1);

        assertThat(receive.receive(delivery(BODY, "t=1,v1=first"))).isInstanceOf(IntakeResult.Failed.class);
        assertThat(row().status()).isEqualTo(EventStatus.FAILED);
        assertThat(row().lastError()).contains("the handler failed");
        assertThat(storedRequest().headers()).first()
                .isEqualTo(new StoredRequest.Header("Stripe-Signature", "t=1,v1=first"));
        clock.advance(Duration.ofSeconds(30));

        assertThat(receive.receive(delivery(BODY, "t=31,v1=retry"))).isInstanceOf(IntakeResult.Processed.class);
        assertThat(row().status()).isEqualTo(EventStatus.COMPLETED);
        assertThat(row().attempts()).isEqualTo(2);
        assertThat(storedRequest().headers()).first()
                .isEqualTo(new StoredRequest.Header("Stripe-Signature", "t=31,v1=retry"));
    }
}
