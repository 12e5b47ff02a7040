package io.hookguard.persistence;

import static io.hookguard.persistence.jooq.Tables.PHASE_QUEUE;

import io.hookguard.domain.queue.ParentIssue;
import io.hookguard.domain.queue.PhaseEntry;
import io.hookguard.domain.queue.PhaseQueueStore;
import io.hookguard.domain.queue.QueueConflictException;
import io.hookguard.domain.queue.QueueId;
import io.hookguard.persistence.jooq.tables.records.PhaseQueueRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

/** The phase queue on jOOQ; a plan is inserted atomically, and an issue's phases are locked with {@code FOR UPDATE}. */
public final class JooqPhaseQueueStore implements PhaseQueueStore {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;

    public JooqPhaseQueueStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void insertAll(List<PhaseEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        if (entries.isEmpty()) {
            return;
        }
        List<PhaseQueueRecord> rows = entries.stream().map(PhaseEntryMapper::toRecord).toList();
        try {
            db.inTransaction(() -> db.dsl().insertInto(PHASE_QUEUE)
                    .columns(PHASE_QUEUE.fields())
                    .valuesOfRecords(rows)
                    .execute());
        } catch (DataAccessException e) {
            if (!UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw e;
            }
            throw conflict(entries);
        }
    }

    private QueueConflictException conflict(List<PhaseEntry> entries) {
        List<String> queueIds = entries.stream().map(entry -> entry.queueId().value()).toList();
        List<String> taken = db.call(dsl -> dsl.select(PHASE_QUEUE.QUEUE_ID).from(PHASE_QUEUE)
                .where(PHASE_QUEUE.QUEUE_ID.in(queueIds)).orderBy(PHASE_QUEUE.QUEUE_ID).fetch(PHASE_QUEUE.QUEUE_ID));
        if (!taken.isEmpty()) {
            return new QueueConflictException("queue_id '" + taken.get(0) + "' is already taken");
        }
        return new QueueConflictException("issue " + entries.get(0).parentIssue() + " already has phases");
    }

    @Override
    public Optional<PhaseEntry> findByQueueId(QueueId queueId) {
        Objects.requireNonNull(queueId, "queueId");
        return db.call(dsl -> dsl.selectFrom(PHASE_QUEUE)
                .where(PHASE_QUEUE.QUEUE_ID.eq(queueId.value()))
                .fetchOptional(PhaseEntryMapper::toDomain));
    }

    @Override
    public List<PhaseEntry> findByIssue(ParentIssue issue) {
        Objects.requireNonNull(issue, "issue");
        return db.call(dsl -> dsl.selectFrom(PHASE_QUEUE)
                .where(PHASE_QUEUE.PARENT_ISSUE.eq(issue.number()))
                .orderBy(PHASE_QUEUE.PHASE_NUMBER)
                .fetch(PhaseEntryMapper::toDomain));
    }

    @Override
    public List<PhaseEntry> lockByIssue(ParentIssue issue) {
        Objects.requireNonNull(issue, "issue");
        return db.call(dsl -> dsl.selectFrom(PHASE_QUEUE)
                .where(PHASE_QUEUE.PARENT_ISSUE.eq(issue.number()))
                .orderBy(PHASE_QUEUE.PHASE_NUMBER)
                .forUpdate()
                .fetch(PhaseEntryMapper::toDomain));
    }

    @Override
    public void updateAll(List<PhaseEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        if (entries.isEmpty()) {
            return;
        }
        var p = PHASE_QUEUE;
        db.inCurrentTransaction(() -> {
            for (PhaseEntry entry : entries) {
                db.dsl().update(p)
                        .set(p.STATUS, entry.status().wireName())
                        .set(p.ADW_ID, entry.adwId() == null ? null : entry.adwId().value())
                        .set(p.ERROR_MESSAGE, entry.errorMessage())
                        .set(p.UPDATED_AT, entry.updatedAt())
                        .where(p.QUEUE_ID.eq(entry.queueId().value()))
                        .execute();
            }
            return null;
        });
    }
}
