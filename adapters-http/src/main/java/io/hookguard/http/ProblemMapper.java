package io.hookguard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookguard.domain.idempotency.InvalidInputException;
import io.hookguard.domain.idempotency.Rejection;
import io.hookguard.domain.idempotency.StoreContentionException;
import io.hookguard.domain.idempotency.StoreUnavailableException;
import io.hookguard.domain.queue.QueueConflictException;
import io.hookguard.http.source.BadDeliveryException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides error statuses: it builds every {@link Problem}, maps exceptions to them and
 * writes them as {@code application/problem+json}. Never a stack trace, class name or SQL in a body.
 */
final class ProblemMapper {

    static final String CONTENT_TYPE = "application/problem+json";
    static final Duration STORE_RETRY_AFTER = Duration.ofSeconds(5);
    static final Duration CONTENTION_RETRY_AFTER = Duration.ofSeconds(1);
    static final Duration SHUTDOWN_RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    private final ObjectMapper mapper;

    ProblemMapper(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    static Problem invalid(String detail) {
        return new Problem(400, "invalid-request", "Invalid request", detail, Map.of());
    }

    static Problem badSignature(String detail) {
        return new Problem(401, "invalid-signature", "Invalid signature", detail, Map.of());
    }

    static Problem unauthorized() {
        return new Problem(401, "unauthorized", "Unauthorized",
                "this route needs 'Authorization: Bearer <admin token>'",
                Map.of("WWW-Authenticate", "Bearer realm=\"hookguard\""));
    }

    static Problem notFound(String detail) {
        return new Problem(404, "not-found", "Not found", detail, Map.of());
    }

    static Problem conflict(String detail) {
        return new Problem(409, "conflict", "Conflict", detail, Map.of());
    }

    static Problem inFlight(Duration retryAfter) {
        return new Problem(409, "in-flight", "Delivery in flight",
                "another attempt of this delivery is being processed; retry later",
                Map.of("Retry-After", seconds(retryAfter)));
    }

    static Problem payloadTooLarge(long limit) {
        return new Problem(413, "payload-too-large", "Payload too large",
                "the request body must be at most " + limit + " bytes", Map.of());
    }

    static Problem unsupportedMediaType(String detail) {
        return new Problem(415, "unsupported-media-type", "Unsupported media type", detail, Map.of());
    }

    static Problem mismatch() {
        return new Problem(422, "fingerprint-mismatch", "Delivery mismatch",
                "this delivery id was already received with other content", Map.of());
    }

    static Problem storeUnavailable() {
        return new Problem(503, "store-unavailable", "Service unavailable",
                "the delivery could not be recorded; retry later", Map.of("Retry-After", seconds(STORE_RETRY_AFTER)));
    }

    static Problem shuttingDown() {
        return new Problem(503, "shutting-down", "Shutting down",
                "the server is shutting down and takes no new requests; retry later",
                Map.of("Retry-After", seconds(SHUTDOWN_RETRY_AFTER)));
    }

    static Problem internalError(String requestId) {
        return new Problem(500, "internal-error", "Internal server error",
                "an unexpected error occurred; quote request id " + requestId + " when reporting it", Map.of());
    }

    /** An error Jetty raised before routing; only the status is known, and its reason phrase is the detail. */
    static Problem protocolError(int status) {
        HttpStatus known = HttpStatus.forStatus(status);
        String title = known == HttpStatus.UNKNOWN ? "Error" : known.getMessage();
        String slug = status == 400 ? "invalid-request" : "http-" + status;
        return new Problem(status, slug, title, "the request could not be handled: " + title, Map.of());
    }

    static Problem rejected(Rejection rejection) {
        return switch (rejection.reason()) {
            case NOT_FOUND -> notFound(rejection.detail());
            case CONFLICT -> conflict(rejection.detail());
        };
    }

    /** Maps every exception a handler can throw; registered once, for all routes. */
    void register(RoutesConfig routes) {
        routes.exception(ProblemException.class, (e, ctx) -> write(ctx, e.problem()));
        routes.exception(BadDeliveryException.class, (e, ctx) -> write(ctx, invalid(detailOf(e))));
        routes.exception(InvalidInputException.class, (e, ctx) -> write(ctx, invalid(detailOf(e))));
        routes.exception(QueueConflictException.class, (e, ctx) -> write(ctx, conflict(detailOf(e))));
        routes.exception(StoreContentionException.class, (e, ctx) -> {
            LOG.warn("store contention: {}", e.getMessage());
            write(ctx, inFlight(CONTENTION_RETRY_AFTER));
        });
        routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            LOG.warn("store unavailable: {}", e.getMessage());
            write(ctx, storeUnavailable());
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, ofJavalin(e.getStatus())));
        routes.exception(Exception.class, (e, ctx) -> {
            String requestId = RequestTracking.requestId(ctx);
            LOG.error("unexpected failure of {} {} (request id {})", ctx.method(), ctx.path(), requestId, e);
            write(ctx, internalError(requestId));
        });
    }

    /** Logs the cause of a failed delivery handler and answers with the generic 500 problem. */
    Problem failure(Context ctx, RuntimeException cause) {
        String requestId = RequestTracking.requestId(ctx);
        LOG.error("delivery handler failed for {} {} (request id {})", ctx.method(), ctx.path(), requestId, cause);
        return internalError(requestId);
    }

    void write(Context ctx, Problem problem) {
        problem.headers().forEach(ctx::header);
        ctx.status(problem.status()).contentType(CONTENT_TYPE).result(render(problem, RequestTracking.requestId(ctx)));
    }

    /** The problem's JSON; {@code requestId} may be null where no request id exists yet. */
    byte[] render(Problem problem, String requestId) {
        try {
            return mapper.writeValueAsBytes(new JsonViews.ProblemView(
                    problem.type(), problem.title(), problem.status(), problem.detail(), requestId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is always serializable", e);
        }
    }

    private static Problem ofJavalin(int status) {
        HttpStatus known = HttpStatus.forStatus(status);
        String title = known == HttpStatus.UNKNOWN ? "Error" : known.getMessage();
        return switch (status) {
            case 404 -> notFound("no such route");
            case 405 -> new Problem(405, "method-not-allowed", title, "method not allowed on this route", Map.of());
            case 413 -> new Problem(413, "payload-too-large", title, "the request body is too large", Map.of());
            default -> new Problem(status, "http-" + status, title, title, Map.of());
        };
    }

    private static String detailOf(RuntimeException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? "invalid request" : e.getMessage();
    }

    private static String seconds(Duration duration) {
        return Long.toString(Math.max(1, duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0)));
    }
}
