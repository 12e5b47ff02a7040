package io.hookguard.app.config;

import io.hookguard.domain.outbox.DestinationName;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** A destination of the configuration file: where accepted deliveries are forwarded, and its retry schedule. */
public sealed interface DestinationConfig permits HttpDestination, NatsDestination {

    /** The delays after each failed attempt when the file gives none; after the last one the message is dead. */
    List<Duration> DEFAULT_RETRY = List.of(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10));

    DestinationName name();

    /** The delay after the n-th failed attempt (n = index + 1); empty means the first failure is final. */
    List<Duration> retry();

    /** The longest delay of the schedule (zero when there is none), e.g. to size a lease or an alert. */
    default Duration longestRetryDelay() {
        return retry().stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    static List<Duration> checkedRetry(List<Duration> retry) {
        Objects.requireNonNull(retry, "'retry' is required");
        List<Duration> copy = List.copyOf(retry);
        if (copy.stream().anyMatch(delay -> delay.isNegative() || delay.isZero())) {
            throw new IllegalArgumentException("'retry' must hold positive durations");
        }
        return copy;
    }
}
