package io.hookguard.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.app.JarProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Abuse: 10,000 deliveries without a valid signature (none, another secret's, malformed) on both intake endpoints.
 * Every one is answered 401, nothing is written, the live heap does not grow, and signed senders are still served.
 */
class UnauthenticatedFloodIT {

    private static final int REQUESTS = 10_000;
    private static final double HEAP_GROWTH_LIMIT = 8 * 1024 * 1024;

    @RegisterExtension
    static final ScenarioDatabase DATABASE = new ScenarioDatabase();

    @Test
    void unsignedFloodIsAnswered401AndWritesNothing() throws Exception {
        try (Fleet fleet = new Fleet("unauthenticated-flood", DATABASE, Map.of())) {
            JarProcess jar = fleet.start();
            Phases.plan(DATABASE, 1, Delivery.completionsIn(REQUESTS));
            List<DeliveryLog> warmUp = DeliveryLog.of(Delivery.mixed(2_000, 1, "warm").stream().map(Delivery::forged).toList());
            RetryingSender sender = new RetryingSender(RetryingSender.Policy.standard());
            Traffic.storm(sender, warmUp, 1, 16, (index, copy, attempt) -> jar.port(), Duration.ofMinutes(2));
            double heapBefore = Fleet.heapAfterFullGc(jar);

            List<DeliveryLog> flood = DeliveryLog.of(Delivery.mixed(REQUESTS, 1, "flood").stream()
                    .map(Delivery::forged).toList());
            long started = System.nanoTime();
            Traffic.storm(sender, flood, 1, 16, (index, copy, attempt) -> jar.port(), Duration.ofMinutes(3));
            double seconds = (System.nanoTime() - started) / 1e9;
            double heapAfter = Fleet.heapAfterFullGc(jar);

            Map<Integer, Long> statuses = flood.stream().flatMap(log -> log.attempts().stream())
                    .collect(Collectors.groupingBy(DeliveryLog.Attempt::status, Collectors.counting()));
            long rows = DATABASE.number("SELECT count(*) FROM webhook_events")
                    + DATABASE.number("SELECT count(*) FROM github_deliveries")
                    + DATABASE.number("SELECT count(*) FROM phase_queue WHERE status NOT IN ('ready', 'queued')"
                            + " OR (phase_number = 1 AND status <> 'ready') OR adw_id IS NOT NULL");
            List<DeliveryLog> signed = DeliveryLog.of(List.of(Delivery.completion(0, 1), Delivery.github(1, "after-flood")));
            Traffic.storm(sender, signed, 1, 2, (index, copy, attempt) -> jar.port(), Duration.ofSeconds(30));
            Latencies latencies = Latencies.of(flood.stream().flatMap(log -> log.attempts().stream())
                    .map(DeliveryLog.Attempt::latencyNanos).toList());
            Figures.record("unauthenticated-flood", "requests", REQUESTS, "401", statuses.getOrDefault(401, 0L),
                    "other", REQUESTS - statuses.getOrDefault(401, 0L), "rows_written", rows,
                    "heap_after_gc_before", Figures.mib(heapBefore), "heap_after_gc_after", Figures.mib(heapAfter),
                    "rate", Math.round(REQUESTS / seconds) + "/s", "p99", Figures.millis(latencies.p99()));

            assertThat(statuses).containsOnlyKeys(401).containsEntry(401, (long) REQUESTS);
            assertThat(rows).as("rows written by unsigned requests").isZero();
            assertThat(heapAfter - heapBefore).as("live heap growth in bytes").isLessThan(HEAP_GROWTH_LIMIT);
            assertThat(signed).allSatisfy(log -> assertThat(log.delivered()).isTrue());
        }
    }
}
