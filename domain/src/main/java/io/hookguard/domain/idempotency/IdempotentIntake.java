package io.hookguard.domain.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a delivery exactly once: claim, handle, complete in one unit of work. A rejection or a failure of
 * the handler undoes its effects and records the claim as FAILED, so the sender's retry is processed.
 * A resend of a delivery completed within its window is answered without writing: from {@link RecentCompletions},
 * else from a read-only look-up before the atomic claim; anything else (unknown, in flight, failed, other
 * fingerprint, window passed) is decided by the claim.
 */
public final class IdempotentIntake {

    /** How long a sender should wait when another transaction holds the key past the lock timeout. */
    static final Duration CONTENTION_RETRY_AFTER = Duration.ofSeconds(1);

    static final int MAX_ERROR_LENGTH = 2000;

    private final WebhookEventStore store;
    private final UnitOfWork unitOfWork;
    private final IdempotencyPolicy policy;
    private final Clock clock;
    private final RecentCompletions recent;

    /** An intake without a cache of recent completions: every resend is looked up in the store. */
    public IdempotentIntake(WebhookEventStore store, UnitOfWork unitOfWork, IdempotencyPolicy policy, Clock clock) {
        this(store, unitOfWork, policy, clock, RecentCompletions.disabled());
    }

    public IdempotentIntake(WebhookEventStore store, UnitOfWork unitOfWork, IdempotencyPolicy policy, Clock clock,
            RecentCompletions recent) {
        this.store = Objects.requireNonNull(store, "store");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recent = Objects.requireNonNull(recent, "recent");
    }

    /**
     * Accepts one delivery. Throws {@link StoreUnavailableException} when the store cannot be reached; then
     * nothing was recorded and the sender must retry.
     */
    public <R> IntakeResult<R> accept(Delivery delivery, DeliveryHandler<R> handler) {
        ClaimRequest request = policy.claimRequest(delivery, clock.instant());
        Optional<ClaimOutcome.Duplicate> known = recent.duplicateOf(delivery, request.now())
                .or(() -> completedInStore(request));
        if (known.isPresent()) {
            return new IntakeResult.Replayed<>(delivery.id(), known.get().storedResponse(), known.get().completedAt());
        }
        AtomicReference<Completion> completion = new AtomicReference<>();
        IntakeResult<R> result;
        try {
            result = unitOfWork.inTransaction(() -> claimAndHandle(request, handler, completion));
        } catch (StoreContentionException | ClaimLostException e) {
            return new IntakeResult.InFlight<>(delivery.id(), CONTENTION_RETRY_AFTER);
        }
        Completion committed = completion.get();
        if (committed != null && result instanceof IntakeResult.Processed<R>) {
            remember(request, committed);
        }
        return result;
    }

    /**
     * The read-only look-up before the claim: a row COMPLETED within the window with the same fingerprint is a
     * duplicate (and is cached); anything else is left to the atomic claim.
     */
    private Optional<ClaimOutcome.Duplicate> completedInStore(ClaimRequest request) {
        Delivery delivery = request.delivery();
        Optional<WebhookEvent> stored = store.find(delivery.type(), delivery.id());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        WebhookEvent row = stored.get();
        if (row.status() != EventStatus.COMPLETED || !row.completedAt().isAfter(request.windowStart())
                || !row.fingerprint().equals(delivery.fingerprint())) {
            return Optional.empty();
        }
        recent.remember(delivery.type(), delivery.id(), delivery.fingerprint(), row.response(), row.completedAt(),
                expiry(delivery.type(), row.completedAt(), row.receivedAt()), request.now());
        return Optional.of(new ClaimOutcome.Duplicate(row.response(), row.completedAt()));
    }

    /**
     * Caches a completion once its unit of work has committed. Only a first attempt: then the row was received at
     * the claim's time, so its retention end is known; a re-claimed row keeps an older receipt time, and is cached
     * when a later look-up reads it.
     */
    private void remember(ClaimRequest request, Completion completion) {
        if (completion.claim().attempt() != 1) {
            return;
        }
        Delivery delivery = request.delivery();
        recent.remember(delivery.type(), delivery.id(), delivery.fingerprint(), completion.response(),
                completion.completedAt(), expiry(delivery.type(), completion.completedAt(), request.now()),
                clock.instant());
    }

    /** When the store stops answering Duplicate: the window ends, or cleanup may delete the row. */
    private Instant expiry(WebhookType type, Instant completedAt, Instant receivedAt) {
        Instant windowEnd = completedAt.plus(policy.windowFor(type));
        Instant retentionEnd = receivedAt.plus(policy.retention());
        return windowEnd.isBefore(retentionEnd) ? windowEnd : retentionEnd;
    }

    private <R> IntakeResult<R> claimAndHandle(ClaimRequest request, DeliveryHandler<R> handler,
            AtomicReference<Completion> completion) {
        WebhookId id = request.delivery().id();
        ClaimOutcome outcome = store.claim(request);
        if (outcome instanceof ClaimOutcome.Claimed claimed) {
            return handle(claimed.claim(), handler, completion);
        }
        if (outcome instanceof ClaimOutcome.Duplicate duplicate) {
            return new IntakeResult.Replayed<>(id, duplicate.storedResponse(), duplicate.completedAt());
        }
        if (outcome instanceof ClaimOutcome.InFlight inFlight) {
            return new IntakeResult.InFlight<>(id, retryAfter(inFlight.lockedUntil(), request.now()));
        }
        return new IntakeResult.Mismatch<>(id);
    }

    private <R> IntakeResult<R> handle(Claim claim, DeliveryHandler<R> handler, AtomicReference<Completion> completion) {
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
        Instant completedAt = clock.instant();
        if (!store.complete(claim, success.storedResponse(), completedAt)) {
            throw new ClaimLostException();
        }
        completion.set(new Completion(claim, success.storedResponse(), completedAt));
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

    /** What a completion stored, kept until its unit of work has committed. */
    private record Completion(Claim claim, String response, Instant completedAt) {
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
