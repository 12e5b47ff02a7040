package io.hookguard.persistence;

import io.hookguard.domain.queue.AdwId;
import io.hookguard.domain.queue.ParentIssue;
import io.hookguard.domain.queue.PhaseEntry;
import io.hookguard.domain.queue.PhaseStatus;
import io.hookguard.domain.queue.PhaseTitle;
import io.hookguard.domain.queue.QueueId;
import io.hookguard.persistence.jooq.tables.records.PhaseQueueRecord;

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
