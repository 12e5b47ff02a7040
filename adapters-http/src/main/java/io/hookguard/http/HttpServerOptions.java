package io.hookguard.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * How the HTTP server runs: Jetty's thread pool, the idle timeout (also the deadline for a request body to
 * arrive), what {@code GET /metrics} answers, the gate that shutdown closes, and the clock of console sessions.
 */
public record HttpServerOptions(QueuedThreadPool threadPool, Duration idleTimeout, Supplier<String> metricsScrape,
        AdmissionGate admission, Clock clock) {

    public static final int DEFAULT_MAX_THREADS = 200;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public HttpServerOptions {
        Objects.requireNonNull(threadPool, "'threadPool' is required");
        Objects.requireNonNull(idleTimeout, "'idleTimeout' is required");
        Objects.requireNonNull(metricsScrape, "'metricsScrape' is required");
        Objects.requireNonNull(admission, "'admission' is required");
        Objects.requireNonNull(clock, "'clock' is required");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("'idleTimeout' must be a positive duration");
        }
    }

    /** A pool of {@value #DEFAULT_MAX_THREADS} threads named {@code http}, 30 s idle timeout, empty metrics, open gate. */
    public static HttpServerOptions defaults() {
        return new HttpServerOptions(threadPool(DEFAULT_MAX_THREADS), DEFAULT_IDLE_TIMEOUT, () -> "",
                AdmissionGate.alwaysOpen(), Clock.systemUTC());
    }

    /** Jetty's pool as Hookguard sizes it: at most {@code maxThreads}, at least 8, idle threads end after a minute. */
    public static QueuedThreadPool threadPool(int maxThreads) {
        QueuedThreadPool pool = new QueuedThreadPool(maxThreads, 8, 60_000);
        pool.setName("http");
        return pool;
    }

    public HttpServerOptions withThreadPool(QueuedThreadPool pool) {
        return new HttpServerOptions(pool, idleTimeout, metricsScrape, admission, clock);
    }

    public HttpServerOptions withIdleTimeout(Duration timeout) {
        return new HttpServerOptions(threadPool, timeout, metricsScrape, admission, clock);
    }

    public HttpServerOptions withMetrics(Supplier<String> scrape) {
        return new HttpServerOptions(threadPool, idleTimeout, scrape, admission, clock);
    }

    public HttpServerOptions withClock(Clock sessionClock) {
        return new HttpServerOptions(threadPool, idleTimeout, metricsScrape, admission, sessionClock);
    }

    public HttpServerOptions withAdmission(AdmissionGate gate) {
        return new HttpServerOptions(threadPool, idleTimeout, metricsScrape, gate, clock);
    }
}
