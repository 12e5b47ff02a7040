package io.hookguard.http;

import java.time.Duration;

/**
 * Told once per intake request (workflow-complete, GitHub) how it ended; the app counts and times it.
 * {@code outcome} is one of {@code processed}, {@code duplicate}, {@code in_flight}, {@code mismatch},
 * {@code rejected}, {@code failed}, {@code invalid} (bad input or signature) and {@code unavailable} (503).
 */
public interface IntakeObserver {

    /** Observes nothing. */
    IntakeObserver NONE = (webhookType, outcome, latency) -> { };

    void observe(String webhookType, String outcome, Duration latency);
}
