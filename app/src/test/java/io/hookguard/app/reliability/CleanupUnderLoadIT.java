package io.hookguard.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.app.JarProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 5: a retention pass over 1,000,000 expired records while intake runs at a steady rate. Intake p99 during
 * the pass must stay within twice its p99 without one, and the pass must delete every expired record.
 */
class CleanupUnderLoadIT {

    private static final int EXPIRED = 1_000_000;
    private static final double PER_SECOND = 50;
    private static final int PER_PHASE = 2_000;

    @RegisterExtension
    static final ScenarioDatabase DATABASE = new ScenarioDatabase();

    @Test
    @FullRun.Only
    void retentionPassOverAMillionRowsKeepsIntakeP99WithinTwiceItsUsualValue() throws Exception {
        try (Fleet fleet = new Fleet("cleanup-under-load", DATABASE, Map.of())) {
            JarProcess jar = fleet.start();
            long fillStarted = System.nanoTime();
            DATABASE.execute("INSERT INTO webhook_events (webhook_id, webhook_type, received_at, processed, status,"
                    + " fingerprint, completed_at, attempts, response)"
                    + " SELECT 'expired-' || i, 'github', now() - interval '8 days' - i * interval '1 second', true,"
                    + " 'COMPLETED', md5(i::text) || md5((-i)::text), now() - interval '8 days' - i * interval '1 second',"
                    + " 1, '{\"stored\":true}' FROM generate_series(1, " + EXPIRED + ") AS i");
            DATABASE.execute("ANALYZE webhook_events");
            long fillSeconds = (System.nanoTime() - fillStarted) / 1_000_000_000L;
            RetryingSender sender = new RetryingSender(RetryingSender.Policy.standard());
            List<DeliveryLog> warmUp = Traffic.warmUp(DATABASE, sender, List.of(jar), 100_000);

            List<DeliveryLog> quiet = DeliveryLog.of(Delivery.mixed(PER_PHASE, 1, "quiet"));
            Phases.plan(DATABASE, 1, Delivery.completionsIn(PER_PHASE));
            Traffic.steady(sender, quiet, PER_SECOND, 32, (index, copy, attempt) -> jar.port(), Duration.ofMinutes(3));
            Latencies withoutCleanup = latencies(quiet, 0, Long.MAX_VALUE);

            List<DeliveryLog> busy = DeliveryLog.of(Delivery.mixed(PER_PHASE * 2, 10_000, "busy"));
            Phases.plan(DATABASE, 10_000, Delivery.completionsIn(PER_PHASE * 2));
            CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
                try {
                    Traffic.steady(sender, busy, PER_SECOND, 32, (index, copy, attempt) -> jar.port(),
                            Duration.ofMinutes(5));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(5_000);
            long cleanupStarted = System.nanoTime();
            HttpResponse<String> cleanup = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + jar.port() + "/api/v1/admin/cleanup"))
                    .header("Authorization", "Bearer " + Secrets.ADMIN_TOKEN)
                    .timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            long cleanupEnded = System.nanoTime();
            traffic.get();
            Latencies duringCleanup = latencies(busy, cleanupStarted, cleanupEnded);

            long expiredLeft = DATABASE.number("SELECT count(*) FROM webhook_events WHERE webhook_id LIKE 'expired-%'");
            Reconciliation reconciled = Reconciliation.of(DATABASE, Traffic.concat(warmUp, quiet, busy));
            double ratio = duringCleanup.p99() / withoutCleanup.p99();
            Figures.record("cleanup-under-load", "expired_rows", EXPIRED, "fill", fillSeconds + "s",
                    "cleanup_answer", cleanup.statusCode() + cleanup.body().replace(" ", ""),
                    "cleanup_took", Math.round((cleanupEnded - cleanupStarted) / 1e9) + "s", "expired_left", expiredLeft,
                    "rate", Math.round(PER_SECOND) + "/s",
                    "p99_without", Figures.millis(withoutCleanup.p99()), "p99_during", Figures.millis(duringCleanup.p99()),
                    "ratio", ratio, "requests_during", duringCleanup.count(),
                    "p50_without", Figures.millis(withoutCleanup.p50()), "p50_during", Figures.millis(duringCleanup.p50()),
                    "lost", reconciled.lost(), "doubled", reconciled.doubled());

            assertThat(cleanup.statusCode()).isEqualTo(200);
            assertThat(cleanup.body()).contains(Integer.toString(EXPIRED));
            assertThat(expiredLeft).isZero();
            assertThat(duringCleanup.count()).as("intake requests during the pass").isGreaterThan(100);
            assertThat(ratio).as("intake p99 during cleanup / without").isLessThanOrEqualTo(2.0);
            assertThat(reconciled.problems()).isEmpty();
            assertThat(reconciled.exact()).as("%s", reconciled).isTrue();
        }
    }

    /** Latencies of the tries that started within [from, to] (nanoTime). */
    private static Latencies latencies(List<DeliveryLog> logs, long from, long to) {
        return Latencies.of(logs.stream().flatMap(log -> log.attempts().stream())
                .filter(attempt -> attempt.startNanos() >= from && attempt.startNanos() <= to)
                .map(DeliveryLog.Attempt::latencyNanos).toList());
    }
}
