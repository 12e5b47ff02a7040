package io.hookguard.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.hookguard.domain.idempotency.CleanUpExpiredEvents;
import io.micrometer.core.instrument.MeterRegistry;

/** The retention cleanup scheduler. */
final class CleanupModule extends AbstractModule {

    private final HookguardConfig config;

    CleanupModule(HookguardConfig config) {
        this.config = config;
    }

    @Provides
    @Singleton
    CleanupScheduler cleanupScheduler(CleanUpExpiredEvents cleanup, MeterRegistry registry) {
        return new CleanupScheduler(cleanup, config.cleanupInterval(), registry);
    }
}
