package io.hookguard.persistence;

import static io.hookguard.persistence.jooq.Tables.PHASE_QUEUE;

import io.hookguard.domain.queue.ParentIssue;
import io.hookguard.domain.queue.PhaseEntry;
import io.hookguard.domain.queue.PhaseQueueStore;
import io.hookguard.domain.queue.QueueConflictException;
import io.hookguard.domain.queue.QueueId;
import io.hookguard.persistence.jooq.tables.records.PhaseQueueRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;

/**
 * The phase queue on jOOQ; a plan is inserted atomically, and an issue's phases are locked with {@code FOR UPDATE}.
 * The lock and the updates, run for every workflow report, are rendered once ({@link RenderedStatement}).
 */
public final class JooqPhaseQueueStore implements PhaseQueueStore {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;
    private final RenderedStatement lockStatement;
    private final RenderedStatement updateStatement;

    public JooqPhaseQueueStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
        this.lockStatement = RenderedStatement.render(db.dsl(), () -> lockQuery(db.dsl()));
        this.updateStatement = RenderedStatement.render(db.dsl(), () -> updateQuery(db.dsl()));
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
        return db.call(dsl -> dsl.connectionResult(connection -> {
            try (PreparedStatement statement = lockStatement.prepare(connection, Map.of("issue", issue.number()));
                    ResultSet rows = statement.executeQuery()) {
                List<PhaseEntry> phases = new ArrayList<>();
                while (rows.next()) {
                    phases.add(PhaseEntryMapper.fromRow(rows));
                }
                return phases;
            }
        }));
    }

    /** The updates are sent with the commit of the current unit of work ({@link Database#writeAtCommit}). */
    @Override
    public void updateAll(List<PhaseEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        if (entries.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>(entries.size());
        for (PhaseEntry entry : entries) {
            Map<String, Object> values = new HashMap<>();
            values.put("status", entry.status().wireName());
            values.put("adw_id", entry.adwId() == null ? null : entry.adwId().value());
            values.put("error_message", entry.errorMessage());
            values.put("updated_at", entry.updatedAt());
            values.put("queue_id", entry.queueId().value());
            rows.add(values);
        }
        db.writeAtCommit(updateStatement, rows);
    }

    private static Query lockQuery(DSLContext dsl) {
        return dsl.selectFrom(PHASE_QUEUE)
                .where(PHASE_QUEUE.PARENT_ISSUE.eq(RenderedStatement.param("issue", Integer.class)))
                .orderBy(PHASE_QUEUE.PHASE_NUMBER)
                .forUpdate();
    }

    /** The update of one entry, rendered once; {@link #updateAll} sends one per entry with the commit. */
    private static Query updateQuery(DSLContext dsl) {
        var p = PHASE_QUEUE;
        return dsl.update(p)
                .set(p.STATUS, RenderedStatement.param("status", String.class))
                .set(p.ADW_ID, RenderedStatement.param("adw_id", String.class))
                .set(p.ERROR_MESSAGE, RenderedStatement.param("error_message", String.class))
                .set(p.UPDATED_AT, RenderedStatement.param("updated_at", Instant.class))
                .where(p.QUEUE_ID.eq(RenderedStatement.param("queue_id", String.class)));
    }
}
