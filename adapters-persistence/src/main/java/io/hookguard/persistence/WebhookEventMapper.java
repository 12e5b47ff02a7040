package io.hookguard.persistence;

import io.hookguard.domain.idempotency.EventStatus;
import io.hookguard.domain.idempotency.Fingerprint;
import io.hookguard.domain.idempotency.WebhookEvent;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.persistence.jooq.tables.records.WebhookEventsRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Turns {@code webhook_events} rows (without the stored request's headers and body) into the domain's {@link WebhookEvent}. */
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
                row.getLastError(),
                row.getEventType());
    }

    /** The same from a JDBC row of the event columns of {@code webhook_events}, read by column name. */
    static WebhookEvent fromRow(ResultSet row) throws SQLException {
        return new WebhookEvent(
                new WebhookType(row.getString("webhook_type")),
                new WebhookId(row.getString("webhook_id")),
                EventStatus.valueOf(row.getString("status")),
                new Fingerprint(row.getString("fingerprint")),
                row.getString("adw_id"),
                row.getObject("issue_number", Integer.class),
                instant(row, "received_at"),
                instant(row, "locked_until"),
                instant(row, "completed_at"),
                row.getInt("attempts"),
                row.getString("response"),
                row.getString("last_error"),
                row.getString("event_type"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
