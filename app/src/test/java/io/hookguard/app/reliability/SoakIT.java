package io.hookguard.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.app.JarProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 6: ten minutes at a steady rate against one jar. The live heap (after a full collection), the pool's
 * connections, the database's backends and the JVM's threads at the end are what they were after the first minute,
 * and no request fails.
 */
class SoakIT {

    private static final Duration SOAK = Duration.ofMinutes(10);
    private static final double PER_SECOND = 40;
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(30);
    private static final double HEAP_GROWTH_LIMIT = 8 * 1024 * 1024;

    @RegisterExtension
    static final ScenarioDatabase DATABASE = new ScenarioDatabase();

    private record Sample(long atSeconds, double heapUsed, double poolConnections, long backends, double threads) {
    }

    @Test
    void tenMinutesAtASteadyRateLeakNothingAndFailNothing() throws Exception {
        FullRun.require();
        try (Fleet fleet = new Fleet("soak", DATABASE, Map.of())) {
            JarProcess jar = fleet.start();
            RetryingSender sender = new RetryingSender(RetryingSender.Policy.standard());
            List<DeliveryLog> warmUp = Traffic.warmUp(DATABASE, sender, List.of(jar), 1_000_000);
            int deliveries = (int) (SOAK.toSeconds() * PER_SECOND);
            List<DeliveryLog> logs = DeliveryLog.of(Delivery.mixed(deliveries, 1, "soak"));
            Phases.plan(DATABASE, 1, Delivery.completionsIn(deliveries));

            long started = System.nanoTime();
            CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
                try {
                    Traffic.steady(sender, logs, PER_SECOND, 32, (index, copy, attempt) -> jar.port(),
                            SOAK.plusMinutes(3));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<Sample> samples = new ArrayList<>();
            double heapAfterFirstMinute = 0;
            while (!traffic.isDone()) {
                Thread.sleep(SAMPLE_EVERY.toMillis());
                long at = (System.nanoTime() - started) / 1_000_000_000L;
                Scrape scrape = Scrape.of(jar);
                samples.add(new Sample(at, scrape.sum("jvm_memory_used_bytes", "area=\"heap\""),
                        scrape.sum("hikaricp_connections", "pool=\"hookguard-postgres\""), DATABASE.backends(),
                        scrape.sum("jvm_threads_live_threads")));
                if (heapAfterFirstMinute == 0 && at >= 60) {
                    heapAfterFirstMinute = Fleet.heapAfterFullGc(jar);
                }
            }
            traffic.get();
            double heapAtEnd = Fleet.heapAfterFullGc(jar);
            Sample first = samples.stream().filter(s -> s.atSeconds() >= 60).findFirst().orElseThrow();
            Sample last = samples.get(samples.size() - 1);

            List<DeliveryLog.Attempt> attempts = logs.stream().flatMap(log -> log.attempts().stream()).toList();
            long errors = attempts.stream().filter(attempt -> !attempt.success()).count();
            Latencies latencies = Latencies.of(attempts.stream().map(DeliveryLog.Attempt::latencyNanos).toList());
            Reconciliation reconciled = Reconciliation.of(DATABASE, Traffic.concat(warmUp, logs));
            Figures.record("soak", Figures.join(reconciled.figures(), new Object[] {
                "duration", Math.round((System.nanoTime() - started) / 6e10) + "min", "rate", Math.round(PER_SECOND) + "/s",
                "errors", errors, "p50", Figures.millis(latencies.p50()), "p99", Figures.millis(latencies.p99()),
                "max", Figures.millis(latencies.max()),
                "heap_after_gc_1min", Figures.mib(heapAfterFirstMinute), "heap_after_gc_end", Figures.mib(heapAtEnd),
                "pool_connections_1min", Math.round(first.poolConnections()),
                "pool_connections_end", Math.round(last.poolConnections()),
                "pool_connections_max", Math.round(samples.stream().mapToDouble(Sample::poolConnections).max().orElse(0)),
                "db_backends_1min", first.backends(), "db_backends_end", last.backends(),
                "threads_1min", Math.round(first.threads()), "threads_end", Math.round(last.threads())}));

            assertThat(errors).as("failed requests").isZero();
            assertThat(reconciled.problems()).isEmpty();
            assertThat(reconciled.exact()).as("%s", reconciled).isTrue();
            assertThat(heapAtEnd - heapAfterFirstMinute).as("live heap growth in bytes").isLessThan(HEAP_GROWTH_LIMIT);
            assertThat(last.poolConnections()).isLessThanOrEqualTo(first.poolConnections());
            assertThat(last.backends()).isLessThanOrEqualTo(first.backends());
            assertThat(last.threads()).isLessThanOrEqualTo(first.threads() + 5);
        }
    }
}
