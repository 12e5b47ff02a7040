package io.hookguard.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every intake observation. */
final class RecordingObserver implements IntakeObserver {

    record Observation(String webhookType, String outcome, Duration latency) {
    }

    private final List<Observation> observations = new CopyOnWriteArrayList<>();

    @Override
    public void observe(String webhookType, String outcome, Duration latency) {
        observations.add(new Observation(webhookType, outcome, latency));
    }

    List<String> outcomes() {
        return observations.stream().map(o -> o.webhookType() + ":" + o.outcome()).toList();
    }
}
