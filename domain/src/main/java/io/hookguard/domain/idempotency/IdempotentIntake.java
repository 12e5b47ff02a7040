package io.hookguard.domain.idempotency;

import io.hookguard.domain.outbox.Forwarding;
import io.hookguard.domain.outbox.OutboundMessage;
import io.hookguard.domain.outbox.Outbox;
import io.hookguard.domain.outbox.OutboxSignal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a delivery exactly once: claim, handle, write its outbox messages, complete, in one unit of work; once that
 * has committed, the {@link OutboxSignal} is told of the messages. A rejection or a failure of the handler undoes its
 * effects, writes no message and records the claim as FAILED, so the sender's retry is processed.
 * A resend of a delivery completed within its window is answered without writing: from {@link RecentCompletions},
 * else by a store claim that writes nothing for a duplicate, else from a read-only look-up before the atomic claim;
 * anything else (unknown, in flight, failed, other fingerprint, window passed) is decided by the claim.
 */
public final class IdempotentIntake {

    /** How long a sender should wait when another transaction holds the key past the lock timeout. */
    static final Duration CONTENTION_RETRY_AFTER = Duration.ofSeconds(1);

    static final int MAX_ERROR_LENGTH = 2000;

    /** The outbox of an intake that forwards nothing: {@link Forwarding#none()} never gives it a message. */
    private static final Outbox NO_OUTBOX = messages -> {
        if (!messages.isEmpty()) {
            throw new IllegalStateException("this intake has no outbox to write " + messages.size() + " messages to");
        }
    };

    private final WebhookEventStore store;
    private final UnitOfWork unitOfWork;
    private final IdempotencyPolicy policy;
    private final Clock clock;
    private final RecentCompletions recent;
    private final Forwarding forwarding;
    private final Outbox outbox;
    private final OutboxSignal signal;

    /** An intake without a cache of recent completions (every resend is looked up in the store), forwarding nothing. */
    public IdempotentIntake(WebhookEventStore store, UnitOfWork unitOfWork, IdempotencyPolicy policy, Clock clock) {
        this(store, unitOfWork, policy, clock, RecentCompletions.disabled());
    }

    /** An intake that forwards nothing. */
    public IdempotentIntake(WebhookEventStore store, UnitOfWork unitOfWork, IdempotencyPolicy policy, Clock clock,
            RecentCompletions recent) {
        this(store, unitOfWork, policy, clock, recent, Forwarding.none(), NO_OUTBOX, OutboxSignal.NONE);
    }

    /**
     * {@code forwarding} decides the messages of a processed delivery, {@code outbox} stores them in the unit of
     * work (so it must share the unit of work's transaction), {@code signal} is told after they committed.
     */
    public IdempotentIntake(WebhookEventStore store, UnitOfWork unitOfWork, IdempotencyPolicy policy, Clock clock,
            RecentCompletions recent, Forwarding forwarding, Outbox outbox, OutboxSignal signal) {
        this.store = Objects.requireNonNull(store, "store");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recent = Objects.requireNonNull(recent, "recent");
        this.forwarding = Objects.requireNonNull(forwarding, "forwarding");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.signal = Objects.requireNonNull(signal, "signal");
    }

    /**
     * The intake as the server runs it: with a cache of {@link RecentCompletions#DEFAULT_CAPACITY} recent
     * completions, writing the messages {@code forwarding} decides to {@code outbox}. Production wiring builds it here.
     */
    public static IdempotentIntake standard(WebhookEventStore store, UnitOfWork unitOfWork, IdempotencyPolicy policy,
            Clock clock, Forwarding forwarding, Outbox outbox, OutboxSignal signal) {
        return new IdempotentIntake(store, unitOfWork, policy, clock,
                new RecentCompletions(RecentCompletions.DEFAULT_CAPACITY), forwarding, outbox, signal);
    }

    /** The standard intake forwarding nothing, as the HTTP tests build it. */
    public static IdempotentIntake standard(WebhookEventStore store, UnitOfWork unitOfWork, IdempotencyPolicy policy,
            Clock clock) {
        return standard(store, unitOfWork, policy, clock, Forwarding.none(), NO_OUTBOX, OutboxSignal.NONE);
    }

    /**
     * Accepts one delivery. Throws {@link StoreUnavailableException} when the store cannot be reached; then
     * nothing was recorded and the sender must retry.
     */
    public <R> IntakeResult<R> accept(Delivery delivery, DeliveryHandler<R> handler) {
        ClaimRequest request = policy.claimRequest(delivery, clock.instant());
        Optional<ClaimOutcome.Duplicate> known = recent.duplicateOf(delivery, request.now())
                .or(() -> store.claimsDuplicatesWithoutWriting() ? Optional.empty() : completedInStore(request));
        if (known.isPresent()) {
            return replayed(delivery.id(), known.get());
        }
        Attempt<R> attempt;
        try {
            attempt = unitOfWork.inTransaction(() -> claimAndHandle(request, handler), Attempt::keep);
        } catch (StoreContentionException e) {
            return new IntakeResult.InFlight<>(delivery.id(), CONTENTION_RETRY_AFTER);
        }
        attempt.completion().ifPresent(completion -> afterCommit(request, completion));
        attempt.failure().ifPresent(failure -> recordFailure(request, failure));
        if (attempt.result() instanceof IntakeResult.Replayed<R> && store.claimsDuplicatesWithoutWriting()) {
            completedInStore(request); // the claim answered a duplicate the cache lacked: cache it for the next resend
        }
        return attempt.result();
    }

    /** The unit of work: claim the key, then run the handler only if the claim was won. */
    private <R> Attempt<R> claimAndHandle(ClaimRequest request, DeliveryHandler<R> handler) {
        WebhookId id = request.delivery().id();
        return store.claim(request).map(new ClaimOutcome.Cases<Attempt<R>>() {
            @Override
            public Attempt<R> claimed(ClaimOutcome.Claimed claimed) {
                return handle(request.delivery(), claimed.claim(), handler);
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
     * Runs the handler; then completes the claim, or, when the handler rejected the delivery or threw, undoes the
     * whole unit of work (the claim with it, where the store shares the transaction) so that the failure is
     * recorded afterwards ({@link #recordFailure}). The rare failure costs a second unit of work instead of a
     * savepoint around every handler.
     */
    private <R> Attempt<R> handle(Delivery delivery, Claim claim, DeliveryHandler<R> handler) {
        HandlerOutcome<R> outcome;
        try {
            outcome = handler.handle(claim);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            return Attempt.failed(new IntakeResult.Failed<>(claim.webhookId(), e),
                    new Failure(claim, Text.truncate(describe(e), MAX_ERROR_LENGTH)));
        }
        return outcome.map(success -> complete(delivery, claim, success),
                rejected -> Attempt.failed(new IntakeResult.Rejected<>(claim.webhookId(), rejected.rejection()),
                        new Failure(claim, rejected.rejection().detail())));
    }

    /**
     * Writes the delivery's outbox messages, then completes the claim; a claim fenced off by a newer attempt undoes
     * the whole unit of work (the messages with it) and answers InFlight.
     */
    private <R> Attempt<R> complete(Delivery delivery, Claim claim, HandlerOutcome.Success<R> success) {
        Instant completedAt = clock.instant();
        List<OutboundMessage> messages = forwarding.messagesFor(delivery, success.forward(), completedAt);
        outbox.append(messages);
        if (!store.complete(claim, success.storedResponse(), completedAt)) {
            return Attempt.undone(new IntakeResult.InFlight<>(claim.webhookId(), CONTENTION_RETRY_AFTER));
        }
        return Attempt.completed(new IntakeResult.Processed<>(claim.webhookId(), success.value()),
                new Completion(claim, success.storedResponse(), completedAt, !messages.isEmpty()));
    }

    /**
     * Records an attempt whose unit of work was undone as FAILED, so that the sender's retry is processed and the
     * error can be inspected. A store that keeps the claim through an undo (it shares no transaction) fails it as
     * it is; otherwise the key is claimed again for it. Should another attempt hold the key by then, that attempt
     * decides the row, and nothing is recorded for this one.
     */
    private void recordFailure(ClaimRequest request, Failure failure) {
        try {
            recordFailureOnce(request, failure);
        } catch (StoreContentionException e) {
            // another attempt holds the key past the lock timeout: it decides the row
        }
    }

    private void recordFailureOnce(ClaimRequest request, Failure failure) {
        unitOfWork.inTransaction(() -> {
            Instant now = clock.instant();
            if (store.fail(failure.claim(), failure.error(), now)) {
                return null;
            }
            store.claim(request).map(new ClaimOutcome.Cases<Void>() {
                @Override
                public Void claimed(ClaimOutcome.Claimed claimed) {
                    store.fail(claimed.claim(), failure.error(), now);
                    return null;
                }

                @Override
                public Void duplicate(ClaimOutcome.Duplicate duplicate) {
                    return null;
                }

                @Override
                public Void inFlight(ClaimOutcome.InFlight inFlight) {
                    return null;
                }

                @Override
                public Void mismatch(ClaimOutcome.Mismatch mismatch) {
                    return null;
                }
            });
            return null;
        });
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

    /** Once the unit of work has committed: cache the completion, and wake the dispatcher if messages were written. */
    private void afterCommit(ClaimRequest request, Completion completion) {
        remember(request, completion);
        if (completion.wroteMessages()) {
            signal.messagesCommitted();
        }
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
     * the failure to record once undone (if any), and whether its effects are kept.
     */
    private record Attempt<R>(IntakeResult<R> result, Optional<Completion> completion, Optional<Failure> failure,
            boolean keep) {

        /** Decided without completing or failing the claim: nothing written that must be undone. */
        static <R> Attempt<R> answered(IntakeResult<R> result) {
            return new Attempt<>(result, Optional.empty(), Optional.empty(), true);
        }

        static <R> Attempt<R> completed(IntakeResult<R> result, Completion completion) {
            return new Attempt<>(result, Optional.of(completion), Optional.empty(), true);
        }

        /** Everything the unit of work did is rolled back. */
        static <R> Attempt<R> undone(IntakeResult<R> result) {
            return new Attempt<>(result, Optional.empty(), Optional.empty(), false);
        }

        /** Rolled back, and the claim is to be recorded as FAILED afterwards. */
        static <R> Attempt<R> failed(IntakeResult<R> result, Failure failure) {
            return new Attempt<>(result, Optional.empty(), Optional.of(failure), false);
        }
    }

    /** What a completion stored, kept until its unit of work has committed. */
    private record Completion(Claim claim, String response, Instant completedAt, boolean wroteMessages) {
    }

    /** Why a claim's attempt failed, kept until its unit of work has been undone. */
    private record Failure(Claim claim, String error) {
    }
}
