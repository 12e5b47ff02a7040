package io.hookguard.app;

import io.hookguard.http.IntakeObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Counts intake outcomes by type and records intake latency as a histogram. */
final class MicrometerIntakeObserver implements IntakeObserver {

    private final MeterRegistry registry;

    MicrometerIntakeObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void observe(String webhookType, String outcome, Duration latency) {
        Counter.builder("hookguard.intake")
                .description("Intake requests by webhook type and outcome")
                .tag("type", webhookType)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        Timer.builder("hookguard.intake.latency")
                .description("Intake request latency")
                .tag("type", webhookType)
                .publishPercentileHistogram()
                .register(registry)
                .record(latency);
        if (outcome.equals("unavailable")) {
            registry.counter("hookguard.store.errors", "type", webhookType).increment();
        }
    }
}
