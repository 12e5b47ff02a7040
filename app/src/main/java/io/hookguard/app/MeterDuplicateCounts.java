package io.hookguard.app;

import io.hookguard.http.console.DuplicateCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;

/**
 * The console's duplicate counts read from the intake counter the metrics already keep ({@code hookguard.intake}
 * with {@code outcome=duplicate}): no extra work on the duplicate path, and the same numbers as {@code /metrics}.
 */
final class MeterDuplicateCounts implements DuplicateCounts {

    private final MeterRegistry registry;

    MeterDuplicateCounts(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Map<String, Long> sinceStart() {
        Map<String, Long> counts = new TreeMap<>();
        for (Counter counter : registry.find("hookguard.intake").tag("outcome", "duplicate").counters()) {
            counts.merge(counter.getId().getTag("type"), (long) counter.count(), Long::sum);
        }
        return counts;
    }
}
