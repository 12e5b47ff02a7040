package io.hookguard.persistence;

import io.hookguard.domain.idempotency.EventStatus;
import io.hookguard.domain.idempotency.Fingerprint;
import io.hookguard.domain.idempotency.WebhookEvent;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.persistence.jooq.tables.records.WebhookEventsRecord;

/** Turns {@code webhook_events} rows into the domain's {@link WebhookEvent}. */
final class WebhookEventMapper {

    private WebhookEventMapper() {
    }

    static WebhookEvent toDomain(WebhookEventsRecord row) {
        return new WebhookEvent(
                new WebhookType(row.getWebhookType()),
                new WebhookId(row.getWebhookId()),
                EventStatus.valueOf(row.getStatus()),
                new Fingerprint(row.getFingerprint()),
                row.getAdwId(),
                row.getIssueNumber(),
                row.getReceivedAt(),
                row.getLockedUntil(),
                row.getCompletedAt(),
                row.getAttempts(),
                row.getResponse(),
                row.getLastError());
    }
}
