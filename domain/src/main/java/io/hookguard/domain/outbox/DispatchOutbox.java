package io.hookguard.domain.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Use case: one dispatch pass for one destination. Leases the messages that are due and that ordering allows,
 * sends each through the destination once, and settles it as the attempt's result and the retry schedule
 * decide: delivered, retried later, or dead (refused, or the schedule used up). Deciding is pure
 * ({@link LeaseRule}, {@link RetrySchedule}); this class only does.
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

    public DispatchPass dispatch(DispatchCommand command) {
        Instant now = clock.instant();
        Destination destination = command.destination();
        List<LeasedMessage> leased = queue.lease(destination.name(), now,
                LeaseRule.leaseUntil(now, command.lease()), command.batchSize());
        int delivered = 0;
        int retried = 0;
        int dead = 0;
        int lost = 0;
        int released = 0;
        for (LeasedMessage message : leased) {
            if (command.stopping().getAsBoolean()) {
                queue.release(message);
                released++;
                continue;
            }
            Instant start = clock.instant();
            AttemptResult result = send(destination, message.message());
            Instant end = clock.instant();
            Duration took = end.isBefore(start) ? Duration.ZERO : Duration.between(start, end);
            Attempt attempt = Attempt.of(start, took, result);
            Settlement settlement = settlementOf(result, message, end, command.schedule());
            if (!queue.settle(message, attempt, settlement)) {
                lost++;
            } else if (settlement instanceof Settlement.Delivered) {
                delivered++;
            } else if (settlement instanceof Settlement.Retry) {
                retried++;
            } else {
                dead++;
            }
            observer.attempted(message, attempt, settlement);
        }
        return new DispatchPass(leased.size(), delivered, retried, dead, lost, released);
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

    /** A destination that throws despite its contract has failed the attempt; the message is retried. */
    private static AttemptResult send(Destination destination, OutboundMessage message) {
        try {
            return Objects.requireNonNull(destination.send(message), "the destination returned no result");
        } catch (RuntimeException e) {
            String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new AttemptResult.Failed(null, "the destination failed: " + text);
        }
    }
}
