package io.hookguard.app;

import io.hookguard.domain.idempotency.CleanUpExpiredEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs retention cleanup on a single background thread at a fixed delay, never on a request thread. */
final class CleanupScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CleanupScheduler.class);

    private final CleanUpExpiredEvents cleanup;
    private final Duration interval;
    private final Counter runs;
    private final Counter failures;
    private final Counter deleted;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "retention-cleanup");
        thread.setDaemon(true);
        return thread;
    });

    CleanupScheduler(CleanUpExpiredEvents cleanup, Duration interval, MeterRegistry registry) {
        this.cleanup = cleanup;
        this.interval = interval;
        this.runs = Counter.builder("hookguard.cleanup.runs").description("Retention passes run").register(registry);
        this.failures = Counter.builder("hookguard.cleanup.failures").description("Retention passes that failed")
                .register(registry);
        this.deleted = Counter.builder("hookguard.cleanup.deleted").description("Events deleted by retention")
                .register(registry);
    }

    void start() {
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::runSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs one retention pass now, on the caller's thread, and returns how many events it deleted. */
    long runOnce() {
        long started = System.nanoTime();
        long count = cleanup.cleanUp();
        runs.increment();
        deleted.increment(count);
        LOG.info("retention cleanup deleted {} events in {} ms", count,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return count;
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            failures.increment();
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
