package io.hookguard.app;

import io.hookguard.domain.idempotency.CleanUpExpiredEvents;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs retention cleanup on a single background thread at a fixed delay, never on a request thread. The use
 * case's observer counts the passes, so scheduled and requested ones are counted alike.
 */
final class CleanupScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CleanupScheduler.class);

    private final CleanUpExpiredEvents cleanup;
    private final Duration interval;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "retention-cleanup");
        thread.setDaemon(true);
        return thread;
    });

    CleanupScheduler(CleanUpExpiredEvents cleanup, Duration interval) {
        this.cleanup = cleanup;
        this.interval = interval;
    }

    void start() {
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::runSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            cleanup.run();
        } catch (RuntimeException e) {
            LOG.warn("retention cleanup failed; next attempt in {}: {}", Durations.format(interval), e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
