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
import io.hookguard.persistence.jooq.tables.OutboxMessages;
import io.hookguard.persistence.jooq.tables.records.OutboxMessagesRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The dispatcher's and the operators' side of the outbox on jOOQ. A lease is one statement that picks the due
 * messages ordering allows with {@code FOR UPDATE SKIP LOCKED} and sets their {@code locked_until}, so that
 * concurrent instances each get other rows; settling checks that the lease is still the caller's.
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
        List<OutboxMessagesRecord> rows = db.inCurrentTransaction(() -> db.call(dsl -> {
            if (db.dialect() == SQLDialect.POSTGRES) {
                return dsl.update(m)
                        .set(m.LOCKED_UNTIL, leaseUntil)
                        .where(m.ID.in(due.forUpdate().skipLocked()))
                        .returning()
                        .fetch();
            }
            return leaseOnH2(dsl, dsl.fetchValues(due.forUpdate().skipLocked()), leaseUntil);
        }));
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

    @Override
    public boolean settle(LeasedMessage leased, Attempt attempt, Settlement settlement) {
        Objects.requireNonNull(leased, "leased");
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(settlement, "settlement");
        var m = OUTBOX_MESSAGES;
        var a = OUTBOX_ATTEMPTS;
        boolean failed = attempt.outcome() != Attempt.Outcome.DELIVERED;
        return db.inCurrentTransaction(() -> db.call(dsl -> {
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
        }));
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
