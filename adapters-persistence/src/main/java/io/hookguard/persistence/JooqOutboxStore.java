package io.hookguard.persistence;

import static io.hookguard.persistence.jooq.Tables.OUTBOX_ATTEMPTS;
import static io.hookguard.persistence.jooq.Tables.OUTBOX_MESSAGES;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.when;

import io.hookguard.domain.outbox.Attempt;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.LeasedMessage;
import io.hookguard.domain.outbox.MessageId;
import io.hookguard.domain.outbox.MessageOrigin;
import io.hookguard.domain.outbox.MessageQuery;
import io.hookguard.domain.outbox.MessageStatus;
import io.hookguard.domain.outbox.MessageView;
import io.hookguard.domain.outbox.OriginCount;
import io.hookguard.domain.outbox.OutboxCount;
import io.hookguard.domain.outbox.OutboxInspection;
import io.hookguard.domain.outbox.OutboxQueue;
import io.hookguard.domain.outbox.OutboxRedelivery;
import io.hookguard.domain.outbox.OutboxRetention;
import io.hookguard.domain.outbox.Settlement;
import io.hookguard.domain.outbox.Settling;
import io.hookguard.persistence.jooq.tables.OutboxMessages;
import io.hookguard.persistence.jooq.tables.records.OutboxMessagesRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The dispatcher's and the operators' side of the outbox on jOOQ. A lease is one statement that picks the due
 * messages ordering allows with {@code FOR UPDATE SKIP LOCKED} and sets their {@code locked_until}, so that
 * concurrent instances each get other rows; settling checks that the lease is still the caller's. On PostgreSQL a
 * dispatch pass costs two round trips: the lease, and the settling of its whole batch.
 */
public final class JooqOutboxStore implements OutboxQueue, OutboxInspection, OutboxRedelivery, OutboxRetention {

    private static final String PENDING = MessageStatus.PENDING.name();
    private static final String DELIVERED = MessageStatus.DELIVERED.name();
    private static final String DEAD = MessageStatus.DEAD.name();

    private final Database db;

    public JooqOutboxStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Pending, and no earlier pending message of the same destination and ordering key. */
    private static Condition isHead(OutboxMessages candidate) {
        OutboxMessages earlier = OUTBOX_MESSAGES.as("earlier");
        return candidate.STATUS.eq(PENDING)
                .and(candidate.ORDERING_KEY.isNull().or(notExists(selectOne().from(earlier)
                        .where(earlier.DESTINATION.eq(candidate.DESTINATION))
                        .and(earlier.ORDERING_KEY.eq(candidate.ORDERING_KEY))
                        .and(earlier.STATUS.eq(PENDING))
                        .and(earlier.SEQ.lt(candidate.SEQ)))));
    }

    @Override
    public List<LeasedMessage> lease(DestinationName destination, Instant now, Instant until, int limit) {
        Objects.requireNonNull(destination, "destination");
        // The column keeps microseconds; the returned lease must equal what settle compares it with.
        Instant leaseUntil = until.truncatedTo(ChronoUnit.MICROS);
        if (limit < 1) {
            throw new IllegalArgumentException("'limit' must be at least 1");
        }
        var m = OUTBOX_MESSAGES;
        OutboxMessages candidate = OUTBOX_MESSAGES.as("candidate");
        var due = DSL.select(candidate.ID).from(candidate)
                .where(candidate.DESTINATION.eq(destination.value()))
                .and(candidate.NEXT_ATTEMPT_AT.le(now))
                .and(candidate.LOCKED_UNTIL.isNull().or(candidate.LOCKED_UNTIL.le(now)))
                .and(isHead(candidate))
                .orderBy(candidate.NEXT_ATTEMPT_AT, candidate.SEQ)
                .limit(limit);
        // On PostgreSQL one statement, atomic on its own: outside a unit of work it runs in autocommit (one round
        // trip, no BEGIN and COMMIT).
        List<OutboxMessagesRecord> rows = db.dialect() == SQLDialect.POSTGRES
                ? db.call(dsl -> dsl.update(m)
                        .set(m.LOCKED_UNTIL, leaseUntil)
                        .where(m.ID.in(due.forUpdate().skipLocked()))
                        .returning()
                        .fetch())
                : db.inCurrentTransaction(() -> db.call(dsl ->
                        leaseOnH2(dsl, dsl.fetchValues(due.forUpdate().skipLocked()), leaseUntil)));
        return rows.stream()
                .sorted(Comparator.comparing(OutboxMessagesRecord::getNextAttemptAt)
                        .thenComparing(OutboxMessagesRecord::getSeq))
                .map(OutboxMessageMapper::leased)
                .toList();
    }

    /** H2 locks the chosen rows with the select; the update then sets the lease in the same transaction. */
    private static List<OutboxMessagesRecord> leaseOnH2(DSLContext dsl, List<String> ids, Instant leaseUntil) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var m = OUTBOX_MESSAGES;
        dsl.update(m).set(m.LOCKED_UNTIL, leaseUntil).where(m.ID.in(ids)).execute();
        return dsl.selectFrom(m).where(m.ID.in(ids)).fetch();
    }

    /**
     * Settles one message on PostgreSQL in one statement: the fenced update of the message and, when it matched, the
     * insert of its attempt. Run as a JDBC batch in autocommit, the statements of one pass travel in one round trip
     * and commit together (PgJDBC ends the batch with one Sync, which makes it one implicit transaction).
     */
    private static final String SETTLE_ON_POSTGRES = """
            WITH settled AS (
                UPDATE outbox_messages
                SET attempts = attempts + 1,
                    locked_until = NULL,
                    status = ?::varchar,
                    failures = CASE WHEN ?::boolean THEN 0 ELSE failures + 1 END,
                    next_attempt_at = coalesce(?::timestamptz, next_attempt_at),
                    delivered_at = coalesce(?::timestamptz, delivered_at),
                    last_error = coalesce(?::varchar, last_error)
                WHERE id = ?::varchar AND status = 'PENDING' AND locked_until = ?::timestamptz
                RETURNING id)
            INSERT INTO outbox_attempts (message_id, attempted_at, status_code, duration_ms, outcome, detail)
            SELECT id, ?::timestamptz, ?::integer, ?::bigint, ?::varchar, ?::varchar FROM settled""";

    @Override
    public Set<MessageId> settle(List<Settling> settlings) {
        Objects.requireNonNull(settlings, "settlings");
        if (settlings.isEmpty()) {
            return Set.of();
        }
        if (db.dialect() == SQLDialect.POSTGRES) {
            return db.call(dsl -> dsl.connectionResult(connection -> settleOnPostgres(connection, settlings)));
        }
        return db.inCurrentTransaction(() -> db.call(dsl -> {
            Set<MessageId> settled = new HashSet<>();
            for (Settling settling : settlings) {
                if (settleOne(dsl, settling)) {
                    settled.add(settling.leased().id());
                }
            }
            return settled;
        }));
    }

    private static Set<MessageId> settleOnPostgres(Connection connection, List<Settling> settlings)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SETTLE_ON_POSTGRES)) {
            for (Settling settling : settlings) {
                Attempt attempt = settling.attempt();
                Settlement settlement = settling.settlement();
                String status = settlement instanceof Settlement.Delivered ? DELIVERED
                        : settlement instanceof Settlement.Retry ? PENDING : DEAD;
                // Every value is bound with its type, also when null, so that the entries of the batch share one
                // server-side statement.
                int i = 0;
                statement.setString(++i, status);
                statement.setBoolean(++i, settlement instanceof Settlement.Delivered);
                setInstant(statement, ++i, settlement instanceof Settlement.Retry retry ? retry.at() : null);
                setInstant(statement, ++i, settlement instanceof Settlement.Delivered delivered
                        ? delivered.at() : null);
                statement.setString(++i, attempt.outcome() != Attempt.Outcome.DELIVERED ? attempt.detail() : null);
                statement.setString(++i, settling.leased().id().value());
                setInstant(statement, ++i, settling.leased().leasedUntil());
                setInstant(statement, ++i, attempt.at());
                if (attempt.statusCode() == null) {
                    statement.setNull(++i, Types.INTEGER);
                } else {
                    statement.setInt(++i, attempt.statusCode());
                }
                statement.setLong(++i, attempt.duration().toMillis());
                statement.setString(++i, attempt.outcome().name());
                statement.setString(++i, attempt.detail());
                statement.addBatch();
            }
            int[] inserted = statement.executeBatch();
            Set<MessageId> settled = new HashSet<>();
            for (int k = 0; k < inserted.length; k++) {
                if (inserted[k] > 0) {
                    settled.add(settlings.get(k).leased().id());
                }
            }
            return settled;
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC),
                Types.TIMESTAMP_WITH_TIMEZONE);
    }

    /** H2: the fenced update and, when it matched, the insert of the attempt, in the caller's transaction. */
    private static boolean settleOne(DSLContext dsl, Settling settling) {
        LeasedMessage leased = settling.leased();
        Attempt attempt = settling.attempt();
        Settlement settlement = settling.settlement();
        var m = OUTBOX_MESSAGES;
        var a = OUTBOX_ATTEMPTS;
        boolean failed = attempt.outcome() != Attempt.Outcome.DELIVERED;
        var update = dsl.update(m)
                .set(m.ATTEMPTS, m.ATTEMPTS.plus(1))
                .set(m.LOCKED_UNTIL, (Instant) null)
                .set(m.LAST_ERROR, failed ? DSL.val(attempt.detail()) : m.LAST_ERROR);
        var settled = settlement instanceof Settlement.Delivered delivered
                ? update.set(m.STATUS, DELIVERED).set(m.FAILURES, 0).set(m.DELIVERED_AT, delivered.at())
                : settlement instanceof Settlement.Retry retry
                        ? update.set(m.FAILURES, m.FAILURES.plus(1)).set(m.NEXT_ATTEMPT_AT, retry.at())
                        : update.set(m.STATUS, DEAD).set(m.FAILURES, m.FAILURES.plus(1));
        int changed = settled
                .where(m.ID.eq(leased.id().value()))
                .and(m.STATUS.eq(PENDING))
                .and(m.LOCKED_UNTIL.eq(leased.leasedUntil()))
                .execute();
        if (changed == 0) {
            return false;
        }
        dsl.insertInto(a)
                .set(a.MESSAGE_ID, leased.id().value())
                .set(a.ATTEMPTED_AT, attempt.at())
                .set(a.STATUS_CODE, attempt.statusCode())
                .set(a.DURATION_MS, attempt.duration().toMillis())
                .set(a.OUTCOME, attempt.outcome().name())
                .set(a.DETAIL, attempt.detail())
                .execute();
        return true;
    }

    @Override
    public void release(LeasedMessage leased) {
        Objects.requireNonNull(leased, "leased");
        var m = OUTBOX_MESSAGES;
        db.call(dsl -> dsl.update(m)
                .set(m.LOCKED_UNTIL, (Instant) null)
                .where(m.ID.eq(leased.id().value()))
                .and(m.LOCKED_UNTIL.eq(leased.leasedUntil()))
                .execute());
    }

    @Override
    public Optional<Instant> nextWakeUp(DestinationName destination) {
        Objects.requireNonNull(destination, "destination");
        OutboxMessages candidate = OUTBOX_MESSAGES.as("candidate");
        Field<Instant> freeAt = greatest(candidate.NEXT_ATTEMPT_AT,
                coalesce(candidate.LOCKED_UNTIL, candidate.NEXT_ATTEMPT_AT));
        return Optional.ofNullable(db.call(dsl -> dsl.select(min(freeAt)).from(candidate)
                .where(candidate.DESTINATION.eq(destination.value()))
                .and(isHead(candidate))
                .fetchOne(0, Instant.class)));
    }

    @Override
    public List<MessageView> list(MessageQuery query) {
        Objects.requireNonNull(query, "query");
        var m = OUTBOX_MESSAGES;
        Condition filter = DSL.noCondition();
        if (query.destination() != null) {
            filter = filter.and(m.DESTINATION.eq(query.destination().value()));
        }
        if (query.status() != null) {
            filter = filter.and(m.STATUS.eq(query.status().name()));
        }
        Condition where = filter;
        return db.call(dsl -> dsl.selectFrom(m).where(where).orderBy(m.SEQ.desc()).limit(query.limit())
                .fetch(row -> OutboxMessageMapper.view(row, List.of())));
    }

    @Override
    public Optional<MessageView> find(MessageId id) {
        Objects.requireNonNull(id, "id");
        var m = OUTBOX_MESSAGES;
        var a = OUTBOX_ATTEMPTS;
        return db.inCurrentTransaction(() -> db.call(dsl -> dsl.selectFrom(m).where(m.ID.eq(id.value()))
                .fetchOptional()
                .map(row -> OutboxMessageMapper.view(row, dsl.selectFrom(a).where(a.MESSAGE_ID.eq(id.value()))
                        .orderBy(a.ID).fetch(OutboxMessageMapper::attempt)))));
    }

    @Override
    public List<MessageView> forOrigin(MessageOrigin origin) {
        Objects.requireNonNull(origin, "origin");
        var m = OUTBOX_MESSAGES;
        var a = OUTBOX_ATTEMPTS;
        Condition ofOrigin = m.SOURCE.eq(origin.source()).and(m.DELIVERY_KEY.eq(origin.deliveryKey()));
        return db.inCurrentTransaction(() -> db.call(dsl -> {
            List<OutboxMessagesRecord> rows = dsl.selectFrom(m).where(ofOrigin).orderBy(m.SEQ).fetch();
            if (rows.isEmpty()) {
                return List.of();
            }
            Map<String, List<Attempt>> attempts = dsl.select(a.fields()).from(a)
                    .where(a.MESSAGE_ID.in(rows.stream().map(OutboxMessagesRecord::getId).toList()))
                    .orderBy(a.ID)
                    .fetchInto(a)
                    .stream()
                    .collect(Collectors.groupingBy(row -> row.getMessageId(), LinkedHashMap::new,
                            Collectors.mapping(OutboxMessageMapper::attempt, Collectors.toList())));
            return rows.stream()
                    .map(row -> OutboxMessageMapper.view(row, attempts.getOrDefault(row.getId(), List.of())))
                    .toList();
        }));
    }

    @Override
    public List<OriginCount> countsByOrigin(Collection<MessageOrigin> origins) {
        Objects.requireNonNull(origins, "origins");
        if (origins.isEmpty()) {
            return List.of();
        }
        var m = OUTBOX_MESSAGES;
        Condition any = DSL.or(origins.stream().distinct()
                .map(origin -> m.SOURCE.eq(origin.source()).and(m.DELIVERY_KEY.eq(origin.deliveryKey())))
                .toList());
        return db.call(dsl -> dsl.select(m.SOURCE, m.DELIVERY_KEY, m.STATUS, count()).from(m)
                .where(any)
                .groupBy(m.SOURCE, m.DELIVERY_KEY, m.STATUS)
                .fetch(row -> new OriginCount(new MessageOrigin(row.value1(), row.value2()),
                        MessageStatus.valueOf(row.value3()), row.value4())));
    }

    @Override
    public List<OutboxCount> counts() {
        var m = OUTBOX_MESSAGES;
        return db.call(dsl -> dsl.select(m.DESTINATION, m.STATUS, count()).from(m)
                .groupBy(m.DESTINATION, m.STATUS)
                .fetch(row -> new OutboxCount(new DestinationName(row.value1()),
                        MessageStatus.valueOf(row.value2()), row.value3())));
    }

    @Override
    public Map<DestinationName, Instant> oldestPending() {
        var m = OUTBOX_MESSAGES;
        Map<DestinationName, Instant> oldest = new LinkedHashMap<>();
        db.call(dsl -> dsl.select(m.DESTINATION, min(m.CREATED_AT)).from(m)
                .where(m.STATUS.eq(PENDING))
                .groupBy(m.DESTINATION)
                .fetch())
                .forEach(row -> oldest.put(new DestinationName(row.value1()), row.value2()));
        return oldest;
    }

    @Override
    public boolean redeliver(MessageId id, Instant now) {
        Objects.requireNonNull(id, "id");
        var m = OUTBOX_MESSAGES;
        return db.call(dsl -> redeliver(dsl, m.ID.eq(id.value()), now)) == 1;
    }

    @Override
    public int redeliverDead(DestinationName destination, Instant now) {
        Objects.requireNonNull(destination, "destination");
        var m = OUTBOX_MESSAGES;
        return db.call(dsl -> redeliver(dsl, m.DESTINATION.eq(destination.value()).and(m.STATUS.eq(DEAD)), now));
    }

    /** Pending and due now, at the start of the schedule; a live lease on a pending message is kept. */
    private static int redeliver(DSLContext dsl, Condition which, Instant now) {
        var m = OUTBOX_MESSAGES;
        return dsl.update(m)
                .set(m.LOCKED_UNTIL, when(m.STATUS.eq(PENDING), m.LOCKED_UNTIL).otherwise((Instant) null))
                .set(m.STATUS, PENDING)
                .set(m.NEXT_ATTEMPT_AT, now)
                .set(m.FAILURES, 0)
                .set(m.DELIVERED_AT, (Instant) null)
                .where(which)
                .execute();
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (limit < 1) {
            throw new IllegalArgumentException("'limit' must be at least 1");
        }
        var m = OUTBOX_MESSAGES;
        OutboxMessages finished = OUTBOX_MESSAGES.as("finished");
        return db.call(dsl -> dsl.deleteFrom(m)
                .where(m.ID.in(DSL.select(finished.ID).from(finished)
                        .where(finished.STATUS.in(DELIVERED, DEAD))
                        .and(finished.CREATED_AT.lt(cutoff))
                        .orderBy(finished.CREATED_AT)
                        .limit(limit)))
                .execute());
    }
}
