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
 * Scenario 3: under steady load, the scenario's database refuses connections and its backends are terminated for
 * eight seconds ({@code ALTER DATABASE … ALLOW_CONNECTIONS false} and {@code pg_terminate_backend}). No delivery may be accepted while it is down (503 with Retry-After instead); afterwards the same
 * processes recover by themselves and every delivery takes effect once.
 */
class DatabaseOutageIT {

    private static final int DELIVERIES = 800;
    private static final double PER_SECOND = 40;
    private static final Duration BEFORE_OUTAGE = Duration.ofSeconds(4);
    private static final Duration OUTAGE = Duration.ofSeconds(8);

    @RegisterExtension
    static final ScenarioDatabase DATABASE = new ScenarioDatabase();

    @Test
    void outageAnswers503AndTheSameProcessesRecoverWithNothingLostOrDoubled() throws Exception {
        try (Fleet fleet = new Fleet("database-outage", DATABASE, Map.of())) {
            JarProcess first = fleet.start();
            JarProcess second = fleet.start();
            List<Long> pids = List.of(first.pid(), second.pid());
            List<DeliveryLog> logs = DeliveryLog.of(Delivery.mixed(DELIVERIES, 1, "outage"));
            Phases.plan(DATABASE, 1, Delivery.completionsIn(DELIVERIES));
            RetryingSender sender = new RetryingSender(RetryingSender.Policy.standard());
            List<DeliveryLog> warmUp = Traffic.warmUp(DATABASE, sender, List.of(first, second), 10_000);

            CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
                try {
                    Traffic.steady(sender, logs, PER_SECOND, 64,
                            (index, copy, attempt) -> (index + attempt) % 2 == 0 ? first.port() : second.port(),
                            Duration.ofMinutes(3));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(BEFORE_OUTAGE.toMillis());
            long cutStarted = System.nanoTime();
            DATABASE.refuseAndTerminateConnections();
            long down = System.nanoTime();
            Thread.sleep(1_000);
            CompletableFuture<Integer> readiness = CompletableFuture.supplyAsync(() -> status(first, "/health/ready"));
            Thread.sleep(OUTAGE.toMillis() - 1_000);
            long restoring = System.nanoTime();
            DATABASE.allowConnections();
            traffic.get();

            List<DeliveryLog.Attempt> attempts = logs.stream().flatMap(log -> log.attempts().stream()).toList();
            // answered while down: a request that did its last database work before the cut is answered within
            // milliseconds, so every answer from one second after the cut until the restore is from the outage
            long answersFromOutage = down + Duration.ofSeconds(1).toNanos();
            List<DeliveryLog.Attempt> whileDown = attempts.stream()
                    .filter(a -> a.endNanos() > answersFromOutage && a.endNanos() < restoring).toList();
            long acceptedWhileDown = whileDown.stream().filter(DeliveryLog.Attempt::success).count();
            long unavailableWhileDown = whileDown.stream().filter(a -> a.status() == 503).count();
            long firstSuccessAfter = attempts.stream().filter(a -> a.success() && a.startNanos() > restoring)
                    .mapToLong(DeliveryLog.Attempt::endNanos).min().orElse(Long.MAX_VALUE);
            Reconciliation reconciled = Reconciliation.of(DATABASE, Traffic.concat(warmUp, logs));
            Figures.record("database-outage", Figures.join(reconciled.figures(), new Object[] {
                "outage", OUTAGE.toSeconds() + "s", "answered_while_down", whileDown.size(),
                "2xx_while_down", acceptedWhileDown, "503_while_down", unavailableWhileDown,
                "503_total", attempts.stream().filter(a -> a.status() == 503).count(),
                "recovered_after", Figures.millis((firstSuccessAfter - restoring) / 1e6), "restarts", 0}));

            assertThat(acceptedWhileDown).as("2xx while the database was down").isZero();
            assertThat(whileDown).isNotEmpty().allSatisfy(attempt -> {
                assertThat(attempt.status()).isEqualTo(503);
                assertThat(attempt.retryAfter()).isNotBlank();
            });
            assertThat(readiness.get()).as("readiness while down").isEqualTo(503);
            assertThat(List.of(first.pid(), second.pid())).isEqualTo(pids);
            assertThat(first.isAlive() && second.isAlive()).as("recovered without a restart").isTrue();
            assertThat(reconciled.problems()).isEmpty();
            assertThat(reconciled.exact()).as("%s", reconciled).isTrue();
        }
    }

    private static int status(JarProcess jar, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jar.port() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
