package io.hookguard.domain.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookguard.domain.testing.DirectUnitOfWork;
import io.hookguard.domain.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotentIntakeTest {

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    private final InMemoryWebhookEventStore store = new InMemoryWebhookEventStore();
    private final IdempotencyPolicy policy = IdempotencyPolicy.defaults();
    private final IdempotentIntake intake = new IdempotentIntake(store, new DirectUnitOfWork(), policy, clock);
    private final AtomicInteger effects = new AtomicInteger();

    private final Delivery delivery = Delivery.of(WebhookType.WORKFLOW_COMPLETE,
            DeliveryKey.forWorkflowCompletion("adw-1", "completed", "q-1"));

    private final DeliveryHandler<String> countingHandler = claim -> {
        effects.incrementAndGet();
        return new HandlerOutcome.Success<>("done", "{\"done\":true}");
    };

    @Test
    void successfulHandlerCompletesTheClaim() {
        IntakeResult<String> result = intake.accept(delivery, countingHandler);

        assertThat(result).isEqualTo(new IntakeResult.Processed<>(delivery.id(), "done"));
        WebhookEvent row = store.find(WebhookType.WORKFLOW_COMPLETE, delivery.id()).orElseThrow();
        assertThat(row.status()).isEqualTo(EventStatus.COMPLETED);
        assertThat(row.response()).isEqualTo("{\"done\":true}");
    }

    @Test
    void resendWithinTheWindowIsReplayedWithoutASecondEffect() {
        intake.accept(delivery, countingHandler);
        clock.advance(Duration.ofSeconds(5));

        IntakeResult<String> resend = intake.accept(delivery, countingHandler);

        assertThat(resend).isInstanceOf(IntakeResult.Replayed.class);
        assertThat(((IntakeResult.Replayed<String>) resend).storedResponse()).isEqualTo("{\"done\":true}");
        assertThat(effects).hasValue(1);
    }

    @Test
    void throwingHandlerFailsTheClaimAndTheRetryIsProcessed() {
        IllegalStateException boom = new IllegalStateException("downstream broke");

        IntakeResult<String> first = intake.accept(delivery, claim -> {
            throw boom;
        });

        assertThat(first).isEqualTo(new IntakeResult.Failed<>(delivery.id(), boom));
        WebhookEvent failed = store.find(WebhookType.WORKFLOW_COMPLETE, delivery.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(EventStatus.FAILED);
        assertThat(failed.lastError()).isEqualTo("IllegalStateException: downstream broke");

        IntakeResult<String> retry = intake.accept(delivery, countingHandler);

        assertThat(retry).isInstanceOf(IntakeResult.Processed.class);
        assertThat(effects).hasValue(1);
        assertThat(store.find(WebhookType.WORKFLOW_COMPLETE, delivery.id()).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void rejectionReleasesTheClaimForALaterRetry() {
        Rejection notYet = new Rejection(Rejection.Reason.NOT_FOUND, "no such queue entry");

        IntakeResult<String> first = intake.accept(delivery, claim -> new HandlerOutcome.Rejected<>(notYet));

        assertThat(first).isEqualTo(new IntakeResult.Rejected<>(delivery.id(), notYet));
        assertThat(store.find(WebhookType.WORKFLOW_COMPLETE, delivery.id()).orElseThrow().lastError())
                .isEqualTo("no such queue entry");
        assertThat(intake.accept(delivery, countingHandler)).isInstanceOf(IntakeResult.Processed.class);
    }

    @Test
    void deliveryHeldByAnotherAttemptIsInFlightWithRetryAfterTheLease() {
        store.claim(policy.claimRequest(delivery, clock.instant()));
        clock.advance(Duration.ofMillis(59_500));

        IntakeResult<String> result = intake.accept(delivery, countingHandler);

        assertThat(result).isEqualTo(new IntakeResult.InFlight<>(delivery.id(), Duration.ofSeconds(1)));
        assertThat(effects).hasValue(0);
    }

    @Test
    void sameKeyWithOtherContentIsMismatch() {
        intake.accept(delivery, countingHandler);
        Delivery other = Delivery.of(WebhookType.WORKFLOW_COMPLETE,
                new DeliveryKey(delivery.id(), Fingerprint.of("something else")));

        assertThat(intake.accept(other, countingHandler)).isEqualTo(new IntakeResult.Mismatch<>(delivery.id()));
        assertThat(effects).hasValue(1);
    }

    @Test
    void staleAttemptThatLostItsClaimIsAnsweredInFlight() {
        IntakeResult<String> stale = intake.accept(delivery, claim -> {
            clock.advance(policy.lease().plusSeconds(1));
            assertThat(store.claim(policy.claimRequest(delivery, clock.instant())))
                    .isInstanceOf(ClaimOutcome.Claimed.class);
            return new HandlerOutcome.Success<>("late", "late");
        });

        assertThat(stale).isInstanceOf(IntakeResult.InFlight.class);
        WebhookEvent row = store.find(WebhookType.WORKFLOW_COMPLETE, delivery.id()).orElseThrow();
        assertThat(row.status()).isEqualTo(EventStatus.PROCESSING);
        assertThat(row.attempts()).isEqualTo(2);
    }

    @Test
    void unavailableStoreIsReportedAndNothingIsRecorded() {
        store.setAvailable(false);

        assertThatThrownBy(() -> intake.accept(delivery, countingHandler))
                .isInstanceOf(StoreUnavailableException.class);
        store.setAvailable(true);
        assertThat(store.find(WebhookType.WORKFLOW_COMPLETE, delivery.id())).isEmpty();
        assertThat(effects).hasValue(0);
    }

    @Test
    void storeOutageDuringTheHandlerPropagatesInsteadOfBeingRecordedAsFailure() {
        assertThatThrownBy(() -> intake.accept(delivery, claim -> {
            throw new StoreUnavailableException("connection lost", null);
        })).isInstanceOf(StoreUnavailableException.class);

        assertThat(store.find(WebhookType.WORKFLOW_COMPLETE, delivery.id()).orElseThrow().status())
                .isEqualTo(EventStatus.PROCESSING);
    }

    @Test
    void longErrorsAreCutToFitTheColumn() {
        intake.accept(delivery, claim -> {
            throw new IllegalStateException("x".repeat(10_000));
        });

        assertThat(store.find(WebhookType.WORKFLOW_COMPLETE, delivery.id()).orElseThrow().lastError())
                .hasSize(IdempotentIntake.MAX_ERROR_LENGTH);
    }
}
