package io.hookguard.app;

import io.hookguard.http.SourceObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the sources' verifications by source and secret position ({@code hookguard_signature_verifications_total}),
 * refusals ({@code hookguard_signature_refused_total}) and bodies over the limit ({@code hookguard_body_too_large_total}).
 */
final class MicrometerSourceObserver implements SourceObserver {

    private final MeterRegistry registry;

    MicrometerSourceObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void verified(String source, int secretIndex) {
        Counter.builder("hookguard.signature.verifications")
                .description("Requests verified, by source and the position of the secret that verified them")
                .tag("source", source)
                .tag("secret", Integer.toString(secretIndex))
                .register(registry)
                .increment();
    }

    @Override
    public void refused(String source) {
        Counter.builder("hookguard.signature.refused")
                .description("Requests refused by their source's verification (401)")
                .tag("source", source)
                .register(registry)
                .increment();
    }

    @Override
    public void bodyTooLarge(String source) {
        Counter.builder("hookguard.body.too.large")
                .description("Requests whose body was over their source's limit (413)")
                .tag("source", source)
                .register(registry)
                .increment();
    }
}
