package io.hookguard.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.hookguard.domain.idempotency.CleanUpExpiredEvents;
import io.hookguard.domain.idempotency.CleanupObserver;
import io.micrometer.core.instrument.MeterRegistry;

/** Retention cleanup: the observer that counts every pass, and the scheduler. */
final class CleanupModule extends AbstractModule {

    private final HookguardConfig config;

    CleanupModule(HookguardConfig config) {
        this.config = config;
    }

    @Provides
    @Singleton
    CleanupObserver cleanupObserver(MeterRegistry registry) {
        return new MicrometerCleanupObserver(registry);
    }

    @Provides
    @Singleton
    CleanupScheduler cleanupScheduler(CleanUpExpiredEvents cleanup) {
        return new CleanupScheduler(cleanup, config.cleanupInterval());
    }
}
