package io.hookguard.http;

import java.time.Duration;

/**
 * Told once per intake request (workflow-complete, GitHub) how it ended; the app counts and times it.
 * {@code outcome} is one of {@code processed}, {@code duplicate}, {@code in_flight}, {@code mismatch},
 * {@code rejected}, {@code failed}, {@code invalid} (bad input or signature), {@code unavailable} (503, the
 * store) and {@code shutting_down} (503, refused while the server shuts down).
 */
public interface IntakeObserver {

    /** Observes nothing. */
    IntakeObserver NONE = (webhookType, outcome, latency) -> { };

    void observe(String webhookType, String outcome, Duration latency);
}
