package io.hookguard.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.app.JarProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 6: ten minutes at a steady rate against one jar. The live heap (after a full collection), the pool's
 * connections and the database's backends at the end are what they were after the first minute, and no request
 * fails. Threads are judged by family ({@link ThreadCensus}): the HTTP pool is elastic (8 threads at least, more while
 * requests overlap, each extra one leaving after a minute idle), so its size follows the load of the last minute and
 * says nothing about leaks; a leak shows as a family that grows (a thread or scheduler per request or connection) or
 * as pool threads still busy once traffic has stopped (a request that never lets its thread go).
 */
class SoakIT {

    /** {@code -Dhookguard.soak.minutes=15} for a longer soak. */
    private static final Duration SOAK = Duration.ofMinutes(Long.getLong("hookguard.soak.minutes", 10));
    private static final double PER_SECOND = 40;
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(30);
    private static final double HEAP_GROWTH_LIMIT = 8 * 1024 * 1024;

    @RegisterExtension
    static final ScenarioDatabase DATABASE = new ScenarioDatabase();

    private record Sample(long atSeconds, double heapUsed, double poolConnections, long backends, double threads,
            double httpPool, ThreadCensus census) {
    }

    @Test
    @FullRun.Only
    void tenMinutesAtASteadyRateLeakNothingAndFailNothing() throws Exception {
        try (Fleet fleet = new Fleet("soak", DATABASE, Map.of())) {
            JarProcess jar = fleet.start();
            RetryingSender sender = new RetryingSender(RetryingSender.Policy.standard());
            List<DeliveryLog> warmUp = Traffic.warmUp(DATABASE, sender, List.of(jar), 1_000_000);
            // the first jcmd starts the JVM's attach listener thread: before the baseline, not inside the soak
            ThreadCensus.of(jar);
            double busyWhenQuietBefore = Scrape.of(jar).sum("jetty_threads_busy");
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
                ThreadCensus census = ThreadCensus.of(jar);
                Sample sample = new Sample(at, scrape.sum("jvm_memory_used_bytes", "area=\"heap\""),
                        scrape.sum("hikaricp_connections", "pool=\"hookguard-postgres\""), DATABASE.backends(),
                        scrape.sum("jvm_threads_live_threads"), scrape.sum("jetty_threads_current"), census);
                samples.add(sample);
                System.out.printf("SOAK t=%ds threads=%d http_pool=%d others=%s%n", at, Math.round(sample.threads()),
                        Math.round(sample.httpPool()), census.withoutElastic());
                if (heapAfterFirstMinute == 0 && at >= 60) {
                    heapAfterFirstMinute = Fleet.heapAfterFullGc(jar);
                }
            }
            traffic.get();
            double heapAtEnd = Fleet.heapAfterFullGc(jar);
            double busyWhenQuietAfter = Scrape.of(jar).sum("jetty_threads_busy");
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
                "threads_1min", Math.round(first.threads()), "threads_end", Math.round(last.threads()),
                "threads_max", Math.round(samples.stream().mapToDouble(Sample::threads).max().orElse(0)),
                "http_pool_1min", Math.round(first.httpPool()), "http_pool_end", Math.round(last.httpPool()),
                "http_pool_max", Math.round(samples.stream().mapToDouble(Sample::httpPool).max().orElse(0)),
                "http_busy_quiet_before", Math.round(busyWhenQuietBefore),
                "http_busy_quiet_after", Math.round(busyWhenQuietAfter),
                "threads_over_time", samples.stream().map(s -> s.atSeconds() + "s:" + Math.round(s.threads()) + "/"
                        + Math.round(s.httpPool())).collect(Collectors.joining(","))}));

            assertThat(errors).as("failed requests").isZero();
            assertThat(reconciled.problems()).isEmpty();
            assertThat(reconciled.exact()).as("%s", reconciled).isTrue();
            assertThat(heapAtEnd - heapAfterFirstMinute).as("live heap growth in bytes").isLessThan(HEAP_GROWTH_LIMIT);
            assertThat(last.poolConnections()).isLessThanOrEqualTo(first.poolConnections());
            assertThat(last.backends()).isLessThanOrEqualTo(first.backends());
            assertThat(last.census().withoutElastic()).as("threads outside the HTTP pool, by family")
                    .isEqualTo(first.census().withoutElastic());
            assertThat(busyWhenQuietAfter).as("HTTP pool threads busy once traffic has stopped")
                    .isLessThanOrEqualTo(busyWhenQuietBefore);
        }
    }
}
