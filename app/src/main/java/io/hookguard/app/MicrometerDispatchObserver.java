package io.hookguard.app;

import io.hookguard.domain.outbox.Attempt;
import io.hookguard.domain.outbox.DispatchObserver;
import io.hookguard.domain.outbox.LeasedMessage;
import io.hookguard.domain.outbox.Settlement;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts outbox attempts by destination and outcome ({@code hookguard_outbox_attempts_total}), records their
 * latency ({@code hookguard_outbox_attempt_duration_seconds}) and logs one line when a message goes dead.
 */
final class MicrometerDispatchObserver implements DispatchObserver {

    private static final Logger LOG = LoggerFactory.getLogger(MicrometerDispatchObserver.class);

    private final MeterRegistry registry;

    MicrometerDispatchObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void attempted(LeasedMessage message, Attempt attempt, Settlement settlement) {
        try {
            String destination = message.message().destination().value();
            Counter.builder("hookguard.outbox.attempts")
                    .description("Outbox delivery attempts by destination and outcome")
                    .tag("destination", destination)
                    .tag("outcome", attempt.outcome().name().toLowerCase(Locale.ROOT))
                    .register(registry)
                    .increment();
            Timer.builder("hookguard.outbox.attempt.duration")
                    .description("How long one outbox delivery attempt took")
                    .tag("destination", destination)
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(attempt.duration());
            if (settlement instanceof Settlement.Dead) {
                LOG.warn("message {} to '{}' is dead after {} attempts: {}", message.id(), destination,
                        message.attempts() + 1, firstLine(attempt.detail()));
            }
        } catch (RuntimeException e) {
            LOG.debug("recording an outbox attempt failed", e);
        }
    }

    private static String firstLine(String detail) {
        String line = detail.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
