package io.hookguard.app;

import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.MessageStatus;
import io.hookguard.domain.outbox.OutboxCount;
import io.hookguard.domain.outbox.OutboxInspection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of the outbox for every configured destination: messages by state ({@code hookguard_outbox_messages})
 * and the age of the oldest pending message ({@code hookguard_outbox_oldest_pending_age_seconds}, 0 when none).
 * The numbers are read from the store at most once per {@link #REFRESH} however often metrics are scraped; when
 * the store cannot be read, the last numbers stay.
 */
final class OutboxGauges {

    static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(OutboxGauges.class);

    private record Snapshot(Instant takenAt, Map<DestinationName, Map<MessageStatus, Long>> counts,
            Map<DestinationName, Instant> oldestPending) {
    }

    private final OutboxInspection inspection;
    private final Clock clock;
    private Snapshot snapshot;

    OutboxGauges(OutboxInspection inspection, Clock clock, List<DestinationName> destinations,
            MeterRegistry registry) {
        this.inspection = inspection;
        this.clock = clock;
        for (DestinationName destination : destinations) {
            for (MessageStatus status : MessageStatus.values()) {
                Gauge.builder("hookguard.outbox.messages", this, gauges -> gauges.count(destination, status))
                        .description("Outbox messages by destination and state")
                        .tag("destination", destination.value())
                        .tag("state", status.name().toLowerCase(Locale.ROOT))
                        .strongReference(true)
                        .register(registry);
            }
            Gauge.builder("hookguard.outbox.oldest.pending.age", this, gauges -> gauges.oldestPendingAge(destination))
                    .description("Age of the oldest pending outbox message of the destination (0 when none)")
                    .tag("destination", destination.value())
                    .baseUnit("seconds")
                    .strongReference(true)
                    .register(registry);
        }
    }

    double count(DestinationName destination, MessageStatus status) {
        Snapshot current = current();
        return current == null ? Double.NaN
                : current.counts().getOrDefault(destination, Map.of()).getOrDefault(status, 0L);
    }

    double oldestPendingAge(DestinationName destination) {
        Snapshot current = current();
        if (current == null) {
            return Double.NaN;
        }
        Instant oldest = current.oldestPending().get(destination);
        if (oldest == null) {
            return 0;
        }
        return Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    private synchronized Snapshot current() {
        Instant now = clock.instant();
        if (snapshot != null && now.isBefore(snapshot.takenAt().plus(REFRESH))) {
            return snapshot;
        }
        try {
            Map<DestinationName, Map<MessageStatus, Long>> counts = new HashMap<>();
            for (OutboxCount count : inspection.counts()) {
                counts.computeIfAbsent(count.destination(), name -> new HashMap<>())
                        .put(count.status(), count.count());
            }
            snapshot = new Snapshot(now, counts, Map.copyOf(inspection.oldestPending()));
        } catch (RuntimeException e) {
            LOG.debug("outbox gauges cannot be refreshed: {}", e.toString());
            if (snapshot != null) {
                snapshot = new Snapshot(now, snapshot.counts(), snapshot.oldestPending());
            }
        }
        return snapshot;
    }
}
