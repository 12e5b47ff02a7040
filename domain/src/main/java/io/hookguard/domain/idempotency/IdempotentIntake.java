package io.hookguard.domain.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Runs a delivery exactly once: claim, handle, complete in one unit of work. A rejection or a failure of
 * the handler undoes its effects and records the claim as FAILED, so the sender's retry is processed.
 */
public final class IdempotentIntake {

    /** How long a sender should wait when another transaction holds the key past the lock timeout. */
    static final Duration CONTENTION_RETRY_AFTER = Duration.ofSeconds(1);

    static final int MAX_ERROR_LENGTH = 2000;

    private final WebhookEventStore store;
    private final UnitOfWork unitOfWork;
    private final IdempotencyPolicy policy;
    private final Clock clock;

    public IdempotentIntake(WebhookEventStore store, UnitOfWork unitOfWork, IdempotencyPolicy policy, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Accepts one delivery. Throws {@link StoreUnavailableException} when the store cannot be reached; then
     * nothing was recorded and the sender must retry.
     */
    public <R> IntakeResult<R> accept(Delivery delivery, DeliveryHandler<R> handler) {
        ClaimRequest request = policy.claimRequest(delivery, clock.instant());
        try {
            return unitOfWork.inTransaction(() -> claimAndHandle(request, handler));
        } catch (StoreContentionException | ClaimLostException e) {
            return new IntakeResult.InFlight<>(delivery.id(), CONTENTION_RETRY_AFTER);
        }
    }

    private <R> IntakeResult<R> claimAndHandle(ClaimRequest request, DeliveryHandler<R> handler) {
        WebhookId id = request.delivery().id();
        ClaimOutcome outcome = store.claim(request);
        if (outcome instanceof ClaimOutcome.Claimed claimed) {
            return handle(claimed.claim(), handler);
        }
        if (outcome instanceof ClaimOutcome.Duplicate duplicate) {
            return new IntakeResult.Replayed<>(id, duplicate.storedResponse(), duplicate.completedAt());
        }
        if (outcome instanceof ClaimOutcome.InFlight inFlight) {
            return new IntakeResult.InFlight<>(id, retryAfter(inFlight.lockedUntil(), request.now()));
        }
        return new IntakeResult.Mismatch<>(id);
    }

    private <R> IntakeResult<R> handle(Claim claim, DeliveryHandler<R> handler) {
        HandlerOutcome.Success<R> success;
        try {
            success = unitOfWork.inTransaction(() -> successOrUndo(handler.handle(claim)));
        } catch (RejectedDelivery rejected) {
            store.fail(claim, rejected.rejection.detail(), clock.instant());
            return new IntakeResult.Rejected<>(claim.webhookId(), rejected.rejection);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            store.fail(claim, Text.truncate(describe(e), MAX_ERROR_LENGTH), clock.instant());
            return new IntakeResult.Failed<>(claim.webhookId(), e);
        }
        if (!store.complete(claim, success.storedResponse(), clock.instant())) {
            throw new ClaimLostException();
        }
        return new IntakeResult.Processed<>(claim.webhookId(), success.value());
    }

    private static <R> HandlerOutcome.Success<R> successOrUndo(HandlerOutcome<R> outcome) {
        if (outcome instanceof HandlerOutcome.Rejected<R> rejected) {
            throw new RejectedDelivery(rejected.rejection());
        }
        return (HandlerOutcome.Success<R>) outcome;
    }

    private static Duration retryAfter(Instant lockedUntil, Instant now) {
        Duration remaining = Duration.between(now, lockedUntil);
        long seconds = Math.max(1, remaining.toSeconds() + (remaining.toNanosPart() > 0 ? 1 : 0));
        return Duration.ofSeconds(seconds);
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Carries a rejection out of the nested unit of work, so that its effects are undone. */
    private static final class RejectedDelivery extends RuntimeException {
        private final transient Rejection rejection;

        RejectedDelivery(Rejection rejection) {
            super(rejection.detail(), null, false, false);
            this.rejection = rejection;
        }
    }

    /** The claim was taken over by a newer attempt before completion; everything is undone. */
    private static final class ClaimLostException extends RuntimeException {
        ClaimLostException() {
            super("claim was taken over by a newer attempt", null, false, false);
        }
    }
}
