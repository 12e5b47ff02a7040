package io.hookguard.persistence;

import io.hookguard.domain.queue.AdwId;
import io.hookguard.domain.queue.ParentIssue;
import io.hookguard.domain.queue.PhaseEntry;
import io.hookguard.domain.queue.PhaseStatus;
import io.hookguard.domain.queue.PhaseTitle;
import io.hookguard.domain.queue.QueueId;
import io.hookguard.persistence.jooq.tables.records.PhaseQueueRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** Turns {@link PhaseEntry} into {@code phase_queue} rows and back. */
final class PhaseEntryMapper {

    private PhaseEntryMapper() {
    }

    static PhaseEntry toDomain(PhaseQueueRecord row) {
        return new PhaseEntry(
                new QueueId(row.getQueueId()),
                new ParentIssue(row.getParentIssue()),
                row.getPhaseNumber(),
                new PhaseTitle(row.getTitle()),
                PhaseStatus.fromWireName(row.getStatus()),
                row.getAdwId() == null ? null : new AdwId(row.getAdwId()),
                row.getErrorMessage(),
                row.getCreatedAt(),
                row.getUpdatedAt());
    }

    /** The same from a JDBC row of {@code SELECT * FROM phase_queue}, read by column name. */
    static PhaseEntry fromRow(ResultSet row) throws SQLException {
        String adwId = row.getString("adw_id");
        return new PhaseEntry(
                new QueueId(row.getString("queue_id")),
                new ParentIssue(row.getInt("parent_issue")),
                row.getInt("phase_number"),
                new PhaseTitle(row.getString("title")),
                PhaseStatus.fromWireName(row.getString("status")),
                adwId == null ? null : new AdwId(adwId),
                row.getString("error_message"),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    static PhaseQueueRecord toRecord(PhaseEntry entry) {
        return new PhaseQueueRecord(
                entry.queueId().value(),
                entry.parentIssue().number(),
                entry.phaseNumber(),
                entry.title().value(),
                entry.status().wireName(),
                entry.adwId() == null ? null : entry.adwId().value(),
                entry.errorMessage(),
                entry.createdAt(),
                entry.updatedAt());
    }
}
