package io.hookguard.domain.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

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
     * The intake as the server runs it: with a cache of {@link RecentCompletions#DEFAULT_CAPACITY} recent
     * completions. Production wiring and the HTTP tests both build it here.
     */
    public static IdempotentIntake standard(WebhookEventStore store, UnitOfWork unitOfWork, IdempotencyPolicy policy,
            Clock clock) {
        return new IdempotentIntake(store, unitOfWork, policy, clock,
                new RecentCompletions(RecentCompletions.DEFAULT_CAPACITY));
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
            return replayed(delivery.id(), known.get());
        }
        Attempt<R> attempt;
        try {
            attempt = unitOfWork.inTransaction(() -> claimAndHandle(request, handler), Attempt::keep);
        } catch (StoreContentionException e) {
            return new IntakeResult.InFlight<>(delivery.id(), CONTENTION_RETRY_AFTER);
        }
        attempt.completion().ifPresent(completion -> remember(request, completion));
        return attempt.result();
    }

    /** The unit of work: claim the key, then run the handler only if the claim was won. */
    private <R> Attempt<R> claimAndHandle(ClaimRequest request, DeliveryHandler<R> handler) {
        WebhookId id = request.delivery().id();
        return store.claim(request).map(new ClaimOutcome.Cases<Attempt<R>>() {
            @Override
            public Attempt<R> claimed(ClaimOutcome.Claimed claimed) {
                return handle(claimed.claim(), handler);
            }

            @Override
            public Attempt<R> duplicate(ClaimOutcome.Duplicate duplicate) {
                return Attempt.answered(replayed(id, duplicate));
            }

            @Override
            public Attempt<R> inFlight(ClaimOutcome.InFlight inFlight) {
                return Attempt.answered(
                        new IntakeResult.InFlight<>(id, retryAfter(inFlight.lockedUntil(), request.now())));
            }

            @Override
            public Attempt<R> mismatch(ClaimOutcome.Mismatch mismatch) {
                return Attempt.answered(new IntakeResult.Mismatch<>(id));
            }
        });
    }

    /**
     * Runs the handler in a nested unit of work that keeps its effects only on success; then completes the claim,
     * or records it as FAILED (rejected or thrown) in the same outer unit of work.
     */
    private <R> Attempt<R> handle(Claim claim, DeliveryHandler<R> handler) {
        HandlerOutcome<R> outcome;
        try {
            outcome = unitOfWork.inTransaction(() -> handler.handle(claim), HandlerOutcome::succeeded);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            store.fail(claim, Text.truncate(describe(e), MAX_ERROR_LENGTH), clock.instant());
            return Attempt.answered(new IntakeResult.Failed<>(claim.webhookId(), e));
        }
        return outcome.map(success -> complete(claim, success), rejected -> reject(claim, rejected.rejection()));
    }

    /** Completes the claim; a claim fenced off by a newer attempt undoes the whole unit of work and answers InFlight. */
    private <R> Attempt<R> complete(Claim claim, HandlerOutcome.Success<R> success) {
        Instant completedAt = clock.instant();
        if (!store.complete(claim, success.storedResponse(), completedAt)) {
            return Attempt.undone(new IntakeResult.InFlight<>(claim.webhookId(), CONTENTION_RETRY_AFTER));
        }
        return Attempt.completed(new IntakeResult.Processed<>(claim.webhookId(), success.value()),
                new Completion(claim, success.storedResponse(), completedAt));
    }

    private <R> Attempt<R> reject(Claim claim, Rejection rejection) {
        store.fail(claim, rejection.detail(), clock.instant());
        return Attempt.answered(new IntakeResult.Rejected<>(claim.webhookId(), rejection));
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

    private static <R> IntakeResult<R> replayed(WebhookId id, ClaimOutcome.Duplicate duplicate) {
        return new IntakeResult.Replayed<>(id, duplicate.storedResponse(), duplicate.completedAt());
    }

    private static Duration retryAfter(Instant lockedUntil, Instant now) {
        Duration remaining = Duration.between(now, lockedUntil);
        long seconds = Math.max(1, remaining.toSeconds() + (remaining.toNanosPart() > 0 ? 1 : 0));
        return Duration.ofSeconds(seconds);
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * What one unit of work came to: the result for the sender, the completion to cache once committed (if any),
     * and whether its effects are kept.
     */
    private record Attempt<R>(IntakeResult<R> result, Optional<Completion> completion, boolean keep) {

        /** Decided without completing: kept (a claim released as FAILED, or nothing written). */
        static <R> Attempt<R> answered(IntakeResult<R> result) {
            return new Attempt<>(result, Optional.empty(), true);
        }

        static <R> Attempt<R> completed(IntakeResult<R> result, Completion completion) {
            return new Attempt<>(result, Optional.of(completion), true);
        }

        /** Everything the unit of work did is rolled back. */
        static <R> Attempt<R> undone(IntakeResult<R> result) {
            return new Attempt<>(result, Optional.empty(), false);
        }
    }

    /** What a completion stored, kept until its unit of work has committed. */
    private record Completion(Claim claim, String response, Instant completedAt) {
    }
}
