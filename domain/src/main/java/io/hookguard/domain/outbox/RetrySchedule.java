package io.hookguard.domain.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The delays between failed attempts: after the n-th consecutive failure the next attempt is {@code delays[n-1]}
 * later, spread by ± {@code jitter} (a fraction of the delay) so that many messages that failed together do not
 * retry together; after the last delay has been used, the next failure makes the message dead.
 *
 * @param delays the delays, each positive
 * @param jitter the spread as a fraction of each delay, 0 (none) up to but excluding 1
 */
public record RetrySchedule(List<Duration> delays, double jitter) {

    /** The schedule a destination has unless it declares one: 5s, 1m, 5m, 30m, 2h, 5h, 10h. */
    public static final List<Duration> DEFAULT_DELAYS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
            Duration.ofHours(10));
    /** Each delay is spread by up to ±10 %. */
    public static final double DEFAULT_JITTER = 0.1;

    public RetrySchedule {
        Objects.requireNonNull(delays, "'retry' is required");
        delays = List.copyOf(delays);
        for (Duration delay : delays) {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("'retry' delays must be positive, not " + delay);
            }
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("'jitter' must be at least 0 and below 1");
        }
    }

    /** The given delays with the default jitter. */
    public static RetrySchedule of(List<Duration> delays) {
        return new RetrySchedule(delays, DEFAULT_JITTER);
    }

    public static RetrySchedule defaults() {
        return of(DEFAULT_DELAYS);
    }

    /**
     * What follows a failed attempt that failed at {@code now} and made {@code failures} consecutive failures
     * (1 for the first): a retry after the next delay, or dead when the schedule is used up.
     *
     * @param random the source of the jitter, injected so that tests choose it
     */
    public Settlement afterFailure(int failures, Instant now, RandomGenerator random) {
        if (failures < 1) {
            throw new IllegalArgumentException("'failures' must be at least 1");
        }
        if (failures > delays.size()) {
            return new Settlement.Dead(now);
        }
        return new Settlement.Retry(now.plus(jittered(delays.get(failures - 1), random)));
    }

    private Duration jittered(Duration delay, RandomGenerator random) {
        if (jitter == 0) {
            return delay;
        }
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        long millis = Math.max(1, Math.round(delay.toMillis() * factor));
        return Duration.ofMillis(millis);
    }
}
