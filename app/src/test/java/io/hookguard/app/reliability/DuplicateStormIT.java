package io.hookguard.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.app.JarProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scenario 1: distinct deliveries, each sent five times at once, spread over two instances: one effect each. */
class DuplicateStormIT {

    private static final int DELIVERIES = 2_000;
    private static final int COPIES = 5;

    @RegisterExtension
    static final ScenarioDatabase DATABASE = new ScenarioDatabase();

    @Test
    void everyDeliverySentFiveTimesAtOnceToTwoInstancesTakesEffectOnce() throws Exception {
        try (Fleet fleet = new Fleet("duplicate-storm", DATABASE, Map.of())) {
            JarProcess first = fleet.start();
            JarProcess second = fleet.start();
            List<DeliveryLog> logs = DeliveryLog.of(Delivery.mixed(DELIVERIES, 1, "storm"));
            Phases.plan(DATABASE, 1, Delivery.completionsIn(DELIVERIES));

            long started = System.nanoTime();
            Traffic.storm(new RetryingSender(RetryingSender.Policy.standard()), logs, COPIES, 40,
                    (index, copy, attempt) -> (copy + attempt) % 2 == 0 ? first.port() : second.port(), Duration.ofMinutes(5));
            double seconds = (System.nanoTime() - started) / 1e9;

            long processedByMetrics = Math.round(Scrape.of(first).sum("hookguard_intake_total", "outcome=\"processed\"")
                    + Scrape.of(second).sum("hookguard_intake_total", "outcome=\"processed\""));
            Reconciliation reconciled = Reconciliation.of(DATABASE, logs);
            Latencies latencies = Latencies.of(logs.stream().flatMap(log -> log.attempts().stream())
                    .map(DeliveryLog.Attempt::latencyNanos).toList());
            Figures.record("duplicate-storm", Figures.join(reconciled.figures(), new Object[] {
                "copies", COPIES, "instances", 2, "processed_by_metrics", processedByMetrics,
                "p50", Figures.millis(latencies.p50()), "p99", Figures.millis(latencies.p99()),
                "duration", Math.round(seconds) + "s"}));

            assertThat(reconciled.problems()).isEmpty();
            assertThat(reconciled.exact()).as("%s", reconciled).isTrue();
            assertThat(reconciled.sends()).isGreaterThanOrEqualTo((long) DELIVERIES * COPIES);
            assertThat(processedByMetrics).as("processed answers counted by the two instances").isEqualTo(DELIVERIES);
        }
    }
}
