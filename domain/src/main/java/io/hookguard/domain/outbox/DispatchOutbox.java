package io.hookguard.domain.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.random.RandomGenerator;

/**
 * Use case: one dispatch pass for one destination. Leases the messages that are due and that ordering allows,
 * sends each through the destination once — all of them in flight together where the destination sends
 * asynchronously (a batch holds at most one message per ordering key) — and then settles the whole batch at once,
 * each message as its attempt's result and the retry schedule decide: delivered, retried later, or dead (refused,
 * or the schedule used up). Deciding is pure ({@link LeaseRule}, {@link RetrySchedule}); this class only does.
 */
public final class DispatchOutbox {

    private final OutboxQueue queue;
    private final Clock clock;
    private final RandomGenerator random;
    private final DispatchObserver observer;

    public DispatchOutbox(OutboxQueue queue, Clock clock, RandomGenerator random, DispatchObserver observer) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** An attempt begun at {@code start}, answered (with the time of the answer) when {@code answer} completes. */
    private record InFlight(LeasedMessage message, Instant start, CompletableFuture<Answered> answer) {
    }

    private record Answered(AttemptResult result, Instant at) {
    }

    /**
     * Runs one pass. When the calling thread is interrupted while attempts are in flight, the attempts answered by
     * then are settled and the others keep their leases, which expire (the message is retried); the interrupt
     * status is kept.
     */
    public DispatchPass dispatch(DispatchCommand command) {
        Instant now = clock.instant();
        Destination destination = command.destination();
        List<LeasedMessage> leased = queue.lease(destination.name(), now,
                LeaseRule.leaseUntil(now, command.lease()), command.batchSize());
        if (leased.isEmpty()) {
            return DispatchPass.NOTHING;
        }
        List<InFlight> inFlight = new ArrayList<>(leased.size());
        int released = 0;
        for (LeasedMessage message : leased) {
            if (command.stopping().getAsBoolean()) {
                queue.release(message);
                released++;
                continue;
            }
            Instant start = clock.instant();
            inFlight.add(new InFlight(message, start, send(destination, message.message())
                    .thenApply(result -> new Answered(result, clock.instant()))));
        }
        boolean interrupted = false;
        List<Settling> settlings = new ArrayList<>(inFlight.size());
        for (InFlight attempt : inFlight) {
            Answered answered;
            if (interrupted) {
                if (!attempt.answer().isDone() || attempt.answer().isCompletedExceptionally()) {
                    continue;
                }
                answered = attempt.answer().join();
            } else {
                try {
                    answered = attempt.answer().get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    continue;
                } catch (ExecutionException e) {
                    answered = new Answered(failure(e.getCause()), clock.instant());
                }
            }
            Instant start = attempt.start();
            Duration took = answered.at().isBefore(start) ? Duration.ZERO : Duration.between(start, answered.at());
            settlings.add(new Settling(attempt.message(), Attempt.of(start, took, answered.result()),
                    settlementOf(answered.result(), attempt.message(), answered.at(), command.schedule())));
        }
        try {
            return settled(leased.size(), released, settlings);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Settles the attempts of the pass in one call and tells the observer about each. */
    private DispatchPass settled(int leased, int released, List<Settling> settlings) {
        Set<MessageId> settled = settlings.isEmpty() ? Set.of() : queue.settle(settlings);
        int delivered = 0;
        int retried = 0;
        int dead = 0;
        int lost = 0;
        for (Settling settling : settlings) {
            Settlement settlement = settling.settlement();
            if (!settled.contains(settling.leased().id())) {
                lost++;
            } else if (settlement instanceof Settlement.Delivered) {
                delivered++;
            } else if (settlement instanceof Settlement.Retry) {
                retried++;
            } else {
                dead++;
            }
            observer.attempted(settling.leased(), settling.attempt(), settlement);
        }
        return new DispatchPass(leased, delivered, retried, dead, lost, released);
    }

    private Settlement settlementOf(AttemptResult result, LeasedMessage message, Instant end,
            RetrySchedule schedule) {
        if (result instanceof AttemptResult.Delivered) {
            return new Settlement.Delivered(end);
        }
        if (result instanceof AttemptResult.Refused) {
            return new Settlement.Dead(end);
        }
        return schedule.afterFailure(message.failures() + 1, end, random);
    }

    /**
     * The attempt begun. A destination that throws or fails its future despite its contract has failed the attempt;
     * the message is retried.
     */
    private static CompletableFuture<AttemptResult> send(Destination destination, OutboundMessage message) {
        CompletableFuture<AttemptResult> answer;
        try {
            answer = Objects.requireNonNull(destination.sendAsync(message), "the destination returned no result");
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(e));
        }
        return answer.handle((result, error) -> error != null ? failure(error)
                : Objects.requireNonNullElseGet(result,
                        () -> new AttemptResult.Failed(null, "the destination failed: the destination returned no result")));
    }

    private static AttemptResult failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new AttemptResult.Failed(null, "the destination failed: " + text);
    }
}
