package io.hookguard.domain.deliveries;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/** Use case: deliveries per minute and outcome over the last hour, the current minute included. */
public final class CountDeliveriesPerMinute {

    /** The minutes a chart covers, the current one last. */
    public static final int MINUTES = 60;

    private final DeliveryReadModel readModel;
    private final Clock clock;

    public CountDeliveriesPerMinute(DeliveryReadModel readModel, Clock clock) {
        this.readModel = Objects.requireNonNull(readModel, "readModel");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public LastHour lastHour() {
        Instant to = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant from = to.minus(Duration.ofMinutes(MINUTES));
        return new LastHour(from, to, readModel.perMinute(from, to));
    }

    /** The counts of the minutes in {@code [from, to)}; minutes without deliveries are absent. */
    public record LastHour(Instant from, Instant to, List<MinuteCount> counts) {

        public LastHour {
            Objects.requireNonNull(from, "'from' is required");
            Objects.requireNonNull(to, "'to' is required");
            counts = List.copyOf(Objects.requireNonNull(counts, "'counts' is required"));
        }
    }
}
