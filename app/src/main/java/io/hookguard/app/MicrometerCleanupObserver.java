package io.hookguard.app;

import io.hookguard.domain.idempotency.CleanupObserver;
import io.hookguard.domain.idempotency.CleanupPass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts and logs every retention pass, scheduled or asked for: {@code hookguard_cleanup_*}. */
final class MicrometerCleanupObserver implements CleanupObserver {

    private static final Logger LOG = LoggerFactory.getLogger(MicrometerCleanupObserver.class);

    private final Counter runs;
    private final Counter failures;
    private final Counter deleted;
    private final Counter deletedMessages;

    MicrometerCleanupObserver(MeterRegistry registry) {
        this.runs = Counter.builder("hookguard.cleanup.runs").description("Retention passes run").register(registry);
        this.failures = Counter.builder("hookguard.cleanup.failures").description("Retention passes that failed")
                .register(registry);
        this.deleted = Counter.builder("hookguard.cleanup.deleted").description("Events deleted by retention")
                .register(registry);
        this.deletedMessages = Counter.builder("hookguard.cleanup.deleted.messages")
                .description("Delivered and dead outbox messages deleted by retention").register(registry);
    }

    @Override
    public void passCompleted(long count) {
        runs.increment();
        deleted.increment(count);
        LOG.info("retention cleanup deleted {} events", count);
    }

    @Override
    public void passCompleted(CleanupPass pass) {
        runs.increment();
        deleted.increment(pass.events());
        deletedMessages.increment(pass.messages());
        LOG.info("retention cleanup deleted {} events and {} finished outbox messages", pass.events(),
                pass.messages());
    }

    @Override
    public void passFailed(RuntimeException failure) {
        failures.increment();
    }
}
