package io.hookguard.http;

import static io.hookguard.http.JsonFields.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookguard.domain.idempotency.InvalidInputException;
import io.hookguard.domain.outbox.Attempt;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.MessageId;
import io.hookguard.domain.outbox.MessageStatus;
import io.hookguard.domain.outbox.MessageView;
import io.hookguard.domain.outbox.OutboundMessage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Operator routes of the outbox: list messages, show one with its attempts, redeliver one, redeliver the dead of a
 * destination. Thin: parameters are parsed here, the rules are the use cases'.
 */
final class MessageRoutes {

    static final String STATUS_RULE = "must be one of pending, delivered, dead";

    private final MessageUseCases useCases;
    private final ObjectMapper mapper;
    private final AdminAuth adminAuth;

    MessageRoutes(MessageUseCases useCases, ObjectMapper mapper, AdminAuth adminAuth) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.adminAuth = Objects.requireNonNull(adminAuth, "adminAuth");
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/messages", adminAuth.protect(this::list));
        routes.post("/api/v1/messages/redeliver", adminAuth.protect(this::redeliverDead));
        routes.get("/api/v1/messages/{id}", adminAuth.protect(this::show));
        routes.post("/api/v1/messages/{id}/redeliver", adminAuth.protect(this::redeliverOne));
    }

    private void list(Context ctx) {
        String destination = ctx.queryParam("destination");
        String status = ctx.queryParam("status");
        int limit = RequestParsers.limit(ctx.queryParam("limit"));
        List<MessageView> messages = useCases.list().newestFirst(
                destination == null || destination.isEmpty() ? null : destination(destination),
                status == null || status.isEmpty() ? null : status(status), limit);
        ctx.json(new MessagesView(messages.stream().map(this::summary).toList()));
    }

    private void show(Context ctx) {
        MessageId id = messageId(ctx.pathParam("id"));
        MessageView message = useCases.show().byId(id).orElseThrow(() -> notFound(id));
        ctx.json(details(message));
    }

    private void redeliverOne(Context ctx) {
        MessageId id = messageId(ctx.pathParam("id"));
        if (!useCases.redeliverOne().redeliver(id)) {
            throw notFound(id);
        }
        ctx.status(202).json(new RedeliveredView(1));
    }

    private void redeliverDead(Context ctx) {
        String destination = ctx.queryParam("destination");
        if (destination == null || destination.isEmpty()) {
            throw invalid("'destination' is required");
        }
        DestinationName name = destination(destination);
        String status = ctx.queryParam("status");
        if (status == null || status.isEmpty()) {
            throw invalid("'status' is required: only the dead messages of a destination are redelivered in bulk");
        }
        if (!status.equals("dead")) {
            throw invalid("'status' must be 'dead': only the dead messages of a destination are redelivered in bulk");
        }
        ctx.status(202).json(new RedeliveredView(useCases.redeliverDead().redeliver(name)));
    }

    private static ProblemException notFound(MessageId id) {
        return new ProblemException(ProblemMapper.notFound("no message with id '" + id + "'"));
    }

    private static MessageId messageId(String text) {
        try {
            return new MessageId(text);
        } catch (InvalidInputException e) {
            throw invalid(e.messageNaming("id"));
        }
    }

    private static DestinationName destination(String text) {
        try {
            return new DestinationName(text);
        } catch (InvalidInputException e) {
            throw invalid(e.messageNaming("destination"));
        }
    }

    static MessageStatus status(String text) {
        return switch (text) {
            case "pending" -> MessageStatus.PENDING;
            case "delivered" -> MessageStatus.DELIVERED;
            case "dead" -> MessageStatus.DEAD;
            default -> throw invalid("'status' " + STATUS_RULE);
        };
    }

    private MessageSummaryView summary(MessageView view) {
        OutboundMessage message = view.message();
        return new MessageSummaryView(message.id().value(), message.destination().value(),
                view.status().name().toLowerCase(Locale.ROOT), message.source(), message.deliveryKey(),
                message.eventType(), message.orderingKey(), view.attemptCount(), message.createdAt(),
                view.nextAttemptAt(), view.deliveredAt(), view.lastError());
    }

    private MessageDetailsView details(MessageView view) {
        OutboundMessage message = view.message();
        String text = new String(message.body(), StandardCharsets.UTF_8);
        JsonNode parsed = message.contentType().toLowerCase(Locale.ROOT).contains("json")
                ? Json.tryParse(mapper, text) : null;
        return new MessageDetailsView(message.id().value(), message.destination().value(),
                view.status().name().toLowerCase(Locale.ROOT), message.source(), message.deliveryKey(),
                message.eventType(), message.orderingKey(), view.attemptCount(), message.createdAt(),
                view.nextAttemptAt(), view.deliveredAt(), view.lastError(), message.contentType(),
                parsed == null ? text : parsed, view.attempts().stream().map(MessageRoutes::attempt).toList());
    }

    private static AttemptView attempt(Attempt attempt) {
        return new AttemptView(attempt.at(), attempt.statusCode(), attempt.duration().toMillis(),
                attempt.outcome().name().toLowerCase(Locale.ROOT), attempt.detail());
    }

    record MessageSummaryView(String id, String destination, String status, String source, String deliveryKey,
            String eventType, String orderingKey, int attemptCount, Instant createdAt, Instant nextAttemptAt,
            Instant deliveredAt, String lastError) {
    }

    record MessagesView(List<MessageSummaryView> messages) {
    }

    /** A message with its body (embedded as JSON when it is JSON) and its attempts, oldest first. */
    record MessageDetailsView(String id, String destination, String status, String source, String deliveryKey,
            String eventType, String orderingKey, int attemptCount, Instant createdAt, Instant nextAttemptAt,
            Instant deliveredAt, String lastError, String contentType, Object body, List<AttemptView> attempts) {
    }

    record AttemptView(Instant at, Integer statusCode, long durationMs, String outcome, String detail) {
    }

    record RedeliveredView(int redelivered) {
    }
}
