package io.hookguard.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookguard.domain.github.ListGithubDeliveries;
import io.hookguard.domain.idempotency.CleanUpExpiredEvents;
import io.hookguard.domain.idempotency.CleanupPass;
import io.hookguard.domain.idempotency.InspectWebhookEvents;
import io.hookguard.domain.idempotency.WebhookEvent;
import io.hookguard.domain.idempotency.WebhookId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/** Operator routes: the GitHub inbox, webhook-event inspection and retention cleanup. */
final class OperatorRoutes {

    private final ListGithubDeliveries listGithubDeliveries;
    private final InspectWebhookEvents inspectWebhookEvents;
    private final CleanUpExpiredEvents cleanUpExpiredEvents;
    private final ObjectMapper mapper;
    private final AdminAuth adminAuth;

    OperatorRoutes(HttpUseCases useCases, ObjectMapper mapper, AdminAuth adminAuth) {
        this.listGithubDeliveries = useCases.listGithubDeliveries();
        this.inspectWebhookEvents = useCases.inspectWebhookEvents();
        this.cleanUpExpiredEvents = useCases.cleanUpExpiredEvents();
        this.mapper = mapper;
        this.adminAuth = adminAuth;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/github/deliveries", adminAuth.protect(this::deliveries));
        routes.get("/api/v1/webhook-events", adminAuth.protect(this::recentEvents));
        routes.get("/api/v1/webhook-events/{webhook_id}", adminAuth.protect(this::eventsById));
        routes.post("/api/v1/admin/cleanup", adminAuth.protect(this::cleanUp));
    }

    private void deliveries(Context ctx) {
        int limit = RequestParsers.limit(ctx.queryParam("limit"));
        ctx.json(JsonViews.deliveries(mapper, listGithubDeliveries.newestFirst(limit)));
    }

    private void recentEvents(Context ctx) {
        int limit = RequestParsers.limit(ctx.queryParam("limit"));
        ctx.json(JsonViews.recentEvents(inspectWebhookEvents.recent(limit)));
    }

    private void eventsById(Context ctx) {
        WebhookId webhookId = RequestParsers.webhookId(ctx.pathParam("webhook_id"));
        List<WebhookEvent> events = inspectWebhookEvents.byWebhookId(webhookId);
        if (events.isEmpty()) {
            throw new ProblemException(ProblemMapper.notFound("no webhook events with webhook_id '" + webhookId + "'"));
        }
        ctx.json(JsonViews.eventsById(webhookId, events));
    }

    private void cleanUp(Context ctx) {
        CleanupPass pass = cleanUpExpiredEvents.run();
        ctx.json(new JsonViews.CleanupView(pass.events(), pass.messages()));
    }
}
