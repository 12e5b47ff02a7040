package io.hookguard.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.app.JarProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 2: under steady load on two instances, one is killed with SIGKILL mid-flight five times and restarted
 * each time; the sender retries whatever was cut off, on whichever instance answers. Transactions in flight roll back
 * with the dead process, so nothing is lost and nothing applied twice.
 */
class KillNineIT {

    private static final int DELIVERIES = 3_000;
    private static final double PER_SECOND = 60;
    private static final int KILLS = 5;
    private static final Duration BETWEEN_KILLS = Duration.ofSeconds(7);

    @RegisterExtension
    static final ScenarioDatabase DATABASE = new ScenarioDatabase();

    @Test
    @FullRun.Only
    void instanceKilledHardFiveTimesUnderLoadLosesNothingAndDoublesNothing() throws Exception {
        try (Fleet fleet = new Fleet("kill-9", DATABASE, Map.of())) {
            JarProcess survivor = fleet.start();
            JarProcess victim = fleet.start();
            AtomicIntegerArray ports = new AtomicIntegerArray(new int[] {survivor.port(), victim.port()});
            RetryingSender sender = new RetryingSender(RetryingSender.Policy.standard());
            List<DeliveryLog> warmUp = Traffic.warmUp(DATABASE, sender, List.of(survivor, victim), 100_000);
            List<DeliveryLog> logs = DeliveryLog.of(Delivery.mixed(DELIVERIES, 1, "kill-9"));
            Phases.plan(DATABASE, 1, Delivery.completionsIn(DELIVERIES));

            CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
                try {
                    Traffic.steady(sender, logs, PER_SECOND, 64,
                            (index, copy, attempt) -> ports.get((index + attempt) % 2), Duration.ofMinutes(5));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long restartMillis = 0;
            for (int kill = 0; kill < KILLS; kill++) {
                Thread.sleep(BETWEEN_KILLS.toMillis());
                victim.kill();
                long down = System.nanoTime();
                victim = fleet.start();
                restartMillis = Math.max(restartMillis, (System.nanoTime() - down) / 1_000_000);
                ports.set(1, victim.port());
            }
            traffic.get();

            long cutOff = logs.stream().flatMap(log -> log.attempts().stream())
                    .filter(attempt -> attempt.status() == DeliveryLog.Attempt.NO_RESPONSE).count();
            long leftProcessing = DATABASE.number("SELECT count(*) FROM webhook_events WHERE status <> 'COMPLETED'");
            Reconciliation reconciled = Reconciliation.of(DATABASE, Traffic.concat(warmUp, logs));
            Figures.record("kill-9", Figures.join(reconciled.figures(), new Object[] {
                "kills", KILLS, "connection_errors", cutOff, "records_not_completed", leftProcessing,
                "longest_restart", restartMillis + "ms"}));

            assertThat(cutOff).as("requests cut off or refused by the killed instance").isPositive();
            assertThat(leftProcessing).isZero();
            assertThat(reconciled.problems()).isEmpty();
            assertThat(reconciled.exact()).as("%s", reconciled).isTrue();
        }
    }
}
