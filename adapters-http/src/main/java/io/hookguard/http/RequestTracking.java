package io.hookguard.http;

import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id ({@code X-Request-Id}, echoed and put in the MDC), and ends every intake request
 * with one observation and one INFO line: method, path, status, outcome, webhook id, duration.
 */
final class RequestTracking {

    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String WEBHOOK_ID_HEADER = "X-Webhook-Id";
    static final String MDC_REQUEST_ID = "request_id";
    static final String MDC_WEBHOOK_ID = "webhook_id";

    private static final Logger LOG = LoggerFactory.getLogger(RequestTracking.class);
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final String REQUEST_ID = "hookguard.requestId";
    private static final String STARTED = "hookguard.startedNanos";
    private static final String INTAKE_TYPE = "hookguard.intakeType";
    private static final String OUTCOME = "hookguard.outcome";
    private static final String WEBHOOK_ID = "hookguard.webhookId";

    private final IntakeObserver observer;

    RequestTracking(IntakeObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    void register(RoutesConfig routes) {
        routes.before(this::begin);
        routes.after(this::end);
    }

    static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        return id == null ? "-" : id;
    }

    /** Marks the request as an intake of this type: it will be observed and logged when it ends. */
    static void intake(Context ctx, WebhookType type) {
        ctx.attribute(INTAKE_TYPE, type.value());
    }

    /** The request's idempotency key is known: echo it and log with it. */
    static void webhookId(Context ctx, WebhookId webhookId) {
        ctx.attribute(WEBHOOK_ID, webhookId.value());
        ctx.header(WEBHOOK_ID_HEADER, webhookId.value());
        MDC.put(MDC_WEBHOOK_ID, webhookId.value());
    }

    static void outcome(Context ctx, IntakeOutcome outcome) {
        ctx.attribute(OUTCOME, outcome);
    }

    private void begin(Context ctx) {
        MDC.remove(MDC_WEBHOOK_ID);
        String given = ctx.header(REQUEST_ID_HEADER);
        String id = given != null && SANE_REQUEST_ID.matcher(given).matches() ? given : newRequestId();
        ctx.attribute(REQUEST_ID, id);
        ctx.attribute(STARTED, System.nanoTime());
        ctx.header(REQUEST_ID_HEADER, id);
        MDC.put(MDC_REQUEST_ID, id);
    }

    /**
     * A random version-4 UUID from the thread's own generator. A request id only correlates log lines, so it need
     * not be unpredictable; {@link UUID#randomUUID()} would take the lock of one shared {@code SecureRandom} on
     * every request.
     */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private void end(Context ctx) {
        try {
            String type = ctx.attribute(INTAKE_TYPE);
            if (type != null) {
                finishIntake(ctx, type);
            }
        } finally {
            MDC.remove(MDC_REQUEST_ID);
            MDC.remove(MDC_WEBHOOK_ID);
        }
    }

    private void finishIntake(Context ctx, String type) {
        Long started = ctx.attribute(STARTED);
        Duration latency = Duration.ofNanos(started == null ? 0 : System.nanoTime() - started);
        IntakeOutcome recorded = ctx.attribute(OUTCOME);
        int status = ctx.statusCode();
        IntakeOutcome outcome = recorded != null ? recorded : IntakeOutcome.ofStatus(status);
        String webhookId = ctx.attribute(WEBHOOK_ID);
        LOG.info("intake {} {} status={} outcome={} webhook_id={} duration_ms={}", ctx.method(), ctx.path(), status,
                outcome.label(), webhookId == null ? "-" : webhookId, latency.toMillis());
        try {
            observer.observe(type, outcome.label(), latency);
        } catch (RuntimeException e) {
            LOG.warn("intake observer failed (request id {})", requestId(ctx), e);
        }
    }
}
