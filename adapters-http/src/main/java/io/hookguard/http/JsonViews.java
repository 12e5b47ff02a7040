package io.hookguard.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookguard.domain.github.InboxEntry;
import io.hookguard.domain.idempotency.WebhookEvent;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.queue.AdwId;
import io.hookguard.domain.queue.ParentIssue;
import io.hookguard.domain.queue.PhaseEntry;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The JSON shapes of responses, as records that Jackson writes in snake_case. */
final class JsonViews {

    private JsonViews() {
    }

    /** RFC 9457 problem, with the request id as an extension member when there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ProblemView(String type, String title, int status, String detail, String requestId) {
    }

    record PhaseView(String queueId, int parentIssue, int phaseNumber, String title, String status, String adwId,
            String errorMessage, Instant createdAt, Instant updatedAt) {
    }

    record IssuePhasesView(int parentIssue, List<PhaseView> phases) {
    }

    /** {@code payload} is the raw body embedded as JSON when it parses, else the raw string. */
    record InboxEntryView(String deliveryId, String event, String action, String repository, Object payload,
            Instant receivedAt) {
    }

    record DeliveriesView(List<InboxEntryView> deliveries) {
    }

    record WebhookEventView(String webhookId, String webhookType, String status, String fingerprint, String adwId,
            Integer issueNumber, Instant receivedAt, Instant lockedUntil, Instant completedAt, int attempts,
            boolean processed, String response, String lastError) {
    }

    record RecentEventsView(List<WebhookEventView> events) {
    }

    record EventsByIdView(String webhookId, List<WebhookEventView> events) {
    }

    /** {@code deleted} counts webhook events; {@code deletedMessages} delivered and dead outbox messages. */
    record CleanupView(long deleted, long deletedMessages) {
    }

    record HealthView(String status) {
        static final HealthView UP = new HealthView("UP");
        static final HealthView DOWN = new HealthView("DOWN");
    }

    static IssuePhasesView issuePhases(ParentIssue issue, List<PhaseEntry> entries) {
        return new IssuePhasesView(issue.number(), entries.stream().map(JsonViews::phase).toList());
    }

    static PhaseView phase(PhaseEntry entry) {
        AdwId adwId = entry.adwId();
        return new PhaseView(entry.queueId().value(), entry.parentIssue().number(), entry.phaseNumber(),
                entry.title().value(), entry.status().wireName(), adwId == null ? null : adwId.value(),
                entry.errorMessage(), entry.createdAt(), entry.updatedAt());
    }

    static DeliveriesView deliveries(ObjectMapper mapper, List<InboxEntry> entries) {
        return new DeliveriesView(entries.stream().map(entry -> inboxEntry(mapper, entry)).toList());
    }

    static InboxEntryView inboxEntry(ObjectMapper mapper, InboxEntry entry) {
        JsonNode parsed = Json.tryParse(mapper, entry.payload());
        return new InboxEntryView(entry.deliveryId().value(), entry.event().name(), entry.action(), entry.repository(),
                parsed == null ? entry.payload() : parsed, entry.receivedAt());
    }

    static RecentEventsView recentEvents(List<WebhookEvent> events) {
        return new RecentEventsView(events.stream().map(JsonViews::webhookEvent).toList());
    }

    static EventsByIdView eventsById(WebhookId webhookId, List<WebhookEvent> events) {
        return new EventsByIdView(webhookId.value(), events.stream().map(JsonViews::webhookEvent).toList());
    }

    static WebhookEventView webhookEvent(WebhookEvent event) {
        return new WebhookEventView(event.webhookId().value(), event.type().value(),
                event.status().name().toLowerCase(Locale.ROOT), event.fingerprint().hex(), event.adwId(),
                event.issueNumber(), event.receivedAt(), event.lockedUntil(), event.completedAt(), event.attempts(),
                event.processed(), event.response(), event.lastError());
    }
}
