package io.hookguard.persistence;

import static io.hookguard.persistence.jooq.Tables.WEBHOOK_EVENTS;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import io.hookguard.domain.deliveries.DeliveryCursor;
import io.hookguard.domain.deliveries.DeliveryOutcome;
import io.hookguard.domain.deliveries.DeliveryPage;
import io.hookguard.domain.deliveries.DeliveryQuery;
import io.hookguard.domain.deliveries.DeliveryReadModel;
import io.hookguard.domain.deliveries.MinuteCount;
import io.hookguard.domain.deliveries.StoredRequest;
import io.hookguard.domain.deliveries.StoredRequests;
import io.hookguard.domain.idempotency.Claim;
import io.hookguard.domain.idempotency.ClaimOutcome;
import io.hookguard.domain.idempotency.ClaimRequest;
import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.EventStatus;
import io.hookguard.domain.idempotency.ReceivedRequest;
import io.hookguard.domain.idempotency.StoreContentionException;
import io.hookguard.domain.idempotency.Text;
import io.hookguard.domain.idempotency.WebhookEvent;
import io.hookguard.domain.idempotency.WebhookEventStore;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.persistence.jooq.tables.records.WebhookEventsRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.InsertSetMoreStep;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SelectForUpdateStep;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The idempotency store on jOOQ. A claim is one {@code INSERT … ON CONFLICT … DO UPDATE … WHERE <re-claimable>
 * RETURNING} statement; only when it returns nothing does a read classify the existing row. The look-up, the claim
 * and the completion, run for every delivery, are rendered once ({@link RenderedStatement}).
 *
 * <p>The claim also writes the request it was claimed with (event type, content type, headers, raw body) and a
 * re-claim replaces it; every read of rows leaves the headers and the body out, which only
 * {@link #findRequest} reads.
 */
public final class JooqWebhookEventStore implements WebhookEventStore, DeliveryReadModel, StoredRequests {

    static final int MAX_ERROR_LENGTH = 2000;
    private static final String UNIQUE_VIOLATION = "23505";
    /** How often a claim is decided again when the row changed between the upsert and the read. */
    private static final int MAX_CLAIM_ROUNDS = 3;

    private static final String PROCESSING = EventStatus.PROCESSING.name();
    private static final String COMPLETED = EventStatus.COMPLETED.name();
    private static final String FAILED = EventStatus.FAILED.name();

    /** Every column but the stored request's headers and body, which only {@link #findRequest} reads. */
    private static final List<Field<?>> EVENT_COLUMNS = List.of(WEBHOOK_EVENTS.fields()).stream()
            .filter(field -> !field.equals(WEBHOOK_EVENTS.REQUEST_HEADERS) && !field.equals(WEBHOOK_EVENTS.REQUEST_BODY)
                    && !field.equals(WEBHOOK_EVENTS.CONTENT_TYPE))
            .toList();

    private final Database db;
    private final RenderedStatement claimStatement;
    private final RenderedStatement insertStatement;
    private final RenderedStatement completeStatement;
    private final RenderedStatement findStatement;

    public JooqWebhookEventStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
        this.claimStatement = RenderedStatement.render(db.dsl(), () -> claimQuery(db.dsl()));
        this.insertStatement = RenderedStatement.render(db.dsl(), () -> insertQuery(db.dsl()));
        this.completeStatement = RenderedStatement.render(db.dsl(), () -> completeQuery(db.dsl()));
        this.findStatement = RenderedStatement.render(db.dsl(), () -> findQuery(db.dsl()));
    }

    /** The claim and the look-up before it, as sent; for tests of their shape. */
    RenderedStatement claimStatement() {
        return claimStatement;
    }

    RenderedStatement findStatement() {
        return findStatement;
    }

    /**
     * On PostgreSQL a claim first tries to insert the key ({@code ON CONFLICT DO NOTHING}, which on a conflict
     * neither writes nor locks); only when the key exists is its row read, and taken over by the upsert when it is
     * re-claimable. A new delivery is thus one statement, and a duplicate writes nothing.
     */
    @Override
    public boolean claimsDuplicatesWithoutWriting() {
        return db.dialect() == SQLDialect.POSTGRES;
    }

    @Override
    public ClaimOutcome claim(ClaimRequest request) {
        Objects.requireNonNull(request, "request");
        return db.call(dsl -> {
            if (claimsDuplicatesWithoutWriting()) {
                Optional<ClaimOutcome> decided = insertOrRefuse(dsl, request);
                if (decided.isPresent()) {
                    return decided.get();
                }
            }
            for (int round = 1; round <= MAX_CLAIM_ROUNDS; round++) {
                Optional<Claim> claim;
                try {
                    claim = upsert(dsl, request, claimStatement);
                } catch (DataAccessException e) {
                    if (lostH2InsertRace(e)) {
                        continue;
                    }
                    throw e;
                }
                if (claim.isPresent()) {
                    db.noteClaim(claim.get());
                    return new ClaimOutcome.Claimed(claim.get());
                }
                Optional<ClaimOutcome> refusal = selectRow(dsl, request.delivery().type(), request.delivery().id())
                        .flatMap(row -> refusal(row, request));
                if (refusal.isPresent()) {
                    return refusal.get();
                }
            }
            throw new StoreContentionException("the row of " + request.delivery().type() + "/"
                    + request.delivery().id() + " kept changing while it was claimed", null);
        });
    }

    /**
     * The fresh insert, then, if the key exists, the read that refuses the claim (Duplicate, InFlight, Mismatch);
     * empty when the row is re-claimable, which the upsert then decides.
     */
    private Optional<ClaimOutcome> insertOrRefuse(DSLContext dsl, ClaimRequest request) {
        Optional<Claim> inserted = upsert(dsl, request, insertStatement);
        if (inserted.isPresent()) {
            db.noteClaim(inserted.get());
            return Optional.of(new ClaimOutcome.Claimed(inserted.get()));
        }
        return selectRow(dsl, request.delivery().type(), request.delivery().id())
                .flatMap(row -> refusal(row, request));
    }

    private Optional<Claim> upsert(DSLContext dsl, ClaimRequest request, RenderedStatement statement) {
        Delivery delivery = request.delivery();
        Map<String, Object> values = new HashMap<>();
        values.put("type", delivery.type().value());
        values.put("id", delivery.id().value());
        values.put("adw_id", delivery.adwId());
        values.put("issue_number", delivery.issueNumber());
        values.put("now", request.now());
        values.put("fingerprint", delivery.fingerprint().hex());
        values.put("lease_until", request.leaseUntil());
        values.put("window_start", request.windowStart());
        ReceivedRequest received = delivery.request();
        values.put("event_type", received == null ? null : received.eventType());
        values.put("content_type", received == null ? null : received.received().contentType());
        values.put("request_headers", received == null ? null : RequestHeadersCodec.encode(received.headers()));
        values.put("request_body", received == null ? null : received.received().body());
        return dsl.connectionResult(connection -> {
            try (PreparedStatement prepared = statement.prepare(connection, values);
                    ResultSet claimed = prepared.executeQuery()) {
                if (!claimed.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Claim(delivery.type(), delivery.id(), claimed.getInt(1),
                        claimed.getObject(2, OffsetDateTime.class).toInstant()));
            }
        });
    }

    /**
     * The claim: insert PROCESSING, or on conflict take the row over when its window has passed (the row starts over
     * with this delivery) or when it is FAILED or its lease expired with the same fingerprint; otherwise nothing is
     * returned and {@link #refusal} reads why. Every claim that wins writes the request it came with; the update
     * takes the new request from {@code EXCLUDED}, so that the body is bound once.
     */
    /** The claim of a key that has no row yet: the insert of {@link #claimQuery}, doing nothing on a conflict. */
    private static Query insertQuery(DSLContext dsl) {
        var w = WEBHOOK_EVENTS;
        return insertPart(dsl).onConflict(w.WEBHOOK_TYPE, w.WEBHOOK_ID)
                .doNothing()
                .returningResult(w.ATTEMPTS, w.LOCKED_UNTIL);
    }

    /** The row a first claim inserts: PROCESSING, attempt 1, with the request it came with. */
    private static InsertSetMoreStep<WebhookEventsRecord> insertPart(DSLContext dsl) {
        var w = WEBHOOK_EVENTS;
        return dsl.insertInto(w)
                .set(w.WEBHOOK_TYPE, RenderedStatement.param("type", String.class))
                .set(w.WEBHOOK_ID, RenderedStatement.param("id", String.class))
                .set(w.ADW_ID, RenderedStatement.param("adw_id", String.class))
                .set(w.ISSUE_NUMBER, RenderedStatement.param("issue_number", Integer.class))
                .set(w.RECEIVED_AT, RenderedStatement.param("now", Instant.class))
                .set(w.PROCESSED, false)
                .set(w.STATUS, PROCESSING)
                .set(w.FINGERPRINT, RenderedStatement.param("fingerprint", String.class))
                .set(w.LOCKED_UNTIL, RenderedStatement.param("lease_until", Instant.class))
                .set(w.ATTEMPTS, 1)
                .set(w.EVENT_TYPE, RenderedStatement.param("event_type", String.class))
                .set(w.CONTENT_TYPE, RenderedStatement.param("content_type", String.class))
                .set(w.REQUEST_HEADERS, RenderedStatement.param("request_headers", String.class))
                .set(w.REQUEST_BODY, RenderedStatement.param("request_body", SQLDataType.VARBINARY));
    }

    private static Query claimQuery(DSLContext dsl) {
        var w = WEBHOOK_EVENTS;
        Param<String> fingerprint = RenderedStatement.param("fingerprint", String.class);
        Param<Instant> now = RenderedStatement.param("now", Instant.class);
        Param<Instant> leaseUntil = RenderedStatement.param("lease_until", Instant.class);
        Param<String> adwId = RenderedStatement.param("adw_id", String.class);
        Param<Integer> issueNumber = RenderedStatement.param("issue_number", Integer.class);
        Condition windowPassed = w.STATUS.eq(COMPLETED)
                .and(w.COMPLETED_AT.le(RenderedStatement.param("window_start", Instant.class)));
        Condition retryable = w.FINGERPRINT.eq(fingerprint)
                .and(w.STATUS.eq(FAILED).or(w.STATUS.eq(PROCESSING).and(w.LOCKED_UNTIL.le(now))));
        return insertPart(dsl)
                .onConflict(w.WEBHOOK_TYPE, w.WEBHOOK_ID)
                .doUpdate()
                .set(w.STATUS, PROCESSING)
                .set(w.PROCESSED, false)
                .set(w.LOCKED_UNTIL, leaseUntil)
                .set(w.COMPLETED_AT, (Instant) null)
                .set(w.RESPONSE, (String) null)
                .set(w.ATTEMPTS, w.ATTEMPTS.plus(1))
                .set(w.FINGERPRINT, when(windowPassed, fingerprint).otherwise(w.FINGERPRINT))
                .set(w.RECEIVED_AT, when(windowPassed, now).otherwise(w.RECEIVED_AT))
                .set(w.ADW_ID, when(windowPassed, adwId).otherwise(w.ADW_ID))
                .set(w.ISSUE_NUMBER, when(windowPassed, issueNumber).otherwise(w.ISSUE_NUMBER))
                .set(w.LAST_ERROR, when(windowPassed, val((String) null, w.LAST_ERROR)).otherwise(w.LAST_ERROR))
                .set(w.EVENT_TYPE, DSL.excluded(w.EVENT_TYPE))
                .set(w.CONTENT_TYPE, DSL.excluded(w.CONTENT_TYPE))
                .set(w.REQUEST_HEADERS, DSL.excluded(w.REQUEST_HEADERS))
                .set(w.REQUEST_BODY, DSL.excluded(w.REQUEST_BODY))
                .where(windowPassed.or(retryable))
                .returningResult(w.ATTEMPTS, w.LOCKED_UNTIL);
    }

    private static Query completeQuery(DSLContext dsl) {
        var w = WEBHOOK_EVENTS;
        return dsl.update(w)
                .set(w.STATUS, COMPLETED)
                .set(w.PROCESSED, true)
                .set(w.COMPLETED_AT, RenderedStatement.param("now", Instant.class))
                .set(w.LOCKED_UNTIL, (Instant) null)
                .set(w.RESPONSE, RenderedStatement.param("response", String.class))
                .where(w.WEBHOOK_TYPE.eq(RenderedStatement.param("type", String.class)))
                .and(w.WEBHOOK_ID.eq(RenderedStatement.param("id", String.class)))
                .and(w.STATUS.eq(PROCESSING))
                .and(w.ATTEMPTS.eq(RenderedStatement.param("attempt", Integer.class)));
    }

    /**
     * H2 runs {@code ON CONFLICT} as a {@code MERGE} that does not see a row another transaction has inserted but
     * not yet committed: it waits for that transaction and then reports a unique violation instead of taking the
     * conflict path. H2, unlike PostgreSQL, keeps the transaction usable after a failed statement, so the claim
     * is simply decided again against the now committed row.
     */
    private boolean lostH2InsertRace(DataAccessException e) {
        return db.dialect() == SQLDialect.H2 && UNIQUE_VIOLATION.equals(e.sqlState());
    }

    /** Why an existing row refuses the claim, or empty when it has changed so that the claim must be retried. */
    private static Optional<ClaimOutcome> refusal(WebhookEvent row, ClaimRequest request) {
        EventStatus status = row.status();
        if (status == EventStatus.COMPLETED && !row.completedAt().isAfter(request.windowStart())) {
            return Optional.empty();
        }
        if (!row.fingerprint().equals(request.delivery().fingerprint())) {
            return Optional.of(new ClaimOutcome.Mismatch(row.fingerprint()));
        }
        if (status == EventStatus.COMPLETED) {
            return Optional.of(new ClaimOutcome.Duplicate(row.response(), row.completedAt()));
        }
        if (status == EventStatus.PROCESSING && row.lockedUntil().isAfter(request.now())) {
            return Optional.of(new ClaimOutcome.InFlight(row.lockedUntil()));
        }
        return Optional.empty();
    }

    /**
     * Completes the claim if it still holds the row. A claim made in the current unit of work does until the unit
     * of work ends (its row is locked), so its completion is sent with the commit ({@link Database#writeAtCommit}).
     */
    @Override
    public boolean complete(Claim claim, String response, Instant now) {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(now, "now");
        Map<String, Object> values = new HashMap<>();
        values.put("now", now);
        values.put("response", response);
        values.put("type", claim.type().value());
        values.put("id", claim.webhookId().value());
        values.put("attempt", claim.attempt());
        if (db.holdsClaim(claim)) {
            db.writeAtCommit(completeStatement, List.of(values));
            return true;
        }
        return db.call(dsl -> dsl.connectionResult(connection -> {
            try (PreparedStatement statement = completeStatement.prepare(connection, values)) {
                return statement.executeUpdate();
            }
        })) == 1;
    }

    @Override
    public boolean fail(Claim claim, String error, Instant now) {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(now, "now");
        var w = WEBHOOK_EVENTS;
        String lastError = error == null ? null : Text.truncate(error, MAX_ERROR_LENGTH);
        return db.call(dsl -> dsl.update(w)
                .set(w.STATUS, FAILED)
                .set(w.PROCESSED, false)
                .set(w.LOCKED_UNTIL, (Instant) null)
                .set(w.COMPLETED_AT, (Instant) null)
                .set(w.RESPONSE, (String) null)
                .set(w.LAST_ERROR, lastError)
                .where(heldBy(claim))
                .execute()) == 1;
    }

    private static Condition heldBy(Claim claim) {
        var w = WEBHOOK_EVENTS;
        return key(claim.type(), claim.webhookId())
                .and(w.STATUS.eq(PROCESSING))
                .and(w.ATTEMPTS.eq(claim.attempt()));
    }

    @Override
    public Optional<WebhookEvent> find(WebhookType type, WebhookId webhookId) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(webhookId, "webhookId");
        return db.call(dsl -> selectRow(dsl, type, webhookId));
    }

    @Override
    public List<WebhookEvent> findByWebhookId(WebhookId webhookId) {
        Objects.requireNonNull(webhookId, "webhookId");
        var w = WEBHOOK_EVENTS;
        return db.call(dsl -> dsl.select(EVENT_COLUMNS).from(w)
                .where(w.WEBHOOK_ID.eq(webhookId.value()))
                .orderBy(w.WEBHOOK_TYPE)
                .fetch(JooqWebhookEventStore::toDomain));
    }

    @Override
    public List<WebhookEvent> findRecent(int limit) {
        requirePositive(limit, "limit");
        var w = WEBHOOK_EVENTS;
        return db.call(dsl -> dsl.select(EVENT_COLUMNS).from(w)
                .orderBy(w.RECEIVED_AT.desc(), w.ID.desc())
                .limit(limit)
                .fetch(JooqWebhookEventStore::toDomain));
    }

    /**
     * Deletes one batch in one statement. On PostgreSQL rows that a running transaction has locked are skipped
     * (a later pass takes them), so cleanup never waits for intake.
     */
    @Override
    public int deleteOlderThan(Instant cutoff, int batchSize) {
        Objects.requireNonNull(cutoff, "cutoff");
        requirePositive(batchSize, "batchSize");
        var w = WEBHOOK_EVENTS;
        return db.call(dsl -> {
            SelectForUpdateStep<Record1<Long>> batch = dsl.select(w.ID)
                    .from(w)
                    .where(w.RECEIVED_AT.lt(cutoff))
                    .and(w.STATUS.ne(PROCESSING).or(w.LOCKED_UNTIL.le(cutoff)))
                    .limit(batchSize);
            Select<Record1<Long>> ids = db.dialect() == SQLDialect.POSTGRES ? batch.forUpdate().skipLocked() : batch;
            return dsl.deleteFrom(w).where(w.ID.in(ids)).execute();
        });
    }

    @Override
    public boolean isAvailable() {
        return db.isAvailable();
    }

    /** The row of one key, by the rendered look-up: run for every new delivery (the read before the claim). */
    private Optional<WebhookEvent> selectRow(DSLContext dsl, WebhookType type, WebhookId webhookId) {
        Map<String, Object> values = Map.of("type", type.value(), "id", webhookId.value());
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = findStatement.prepare(connection, values);
                    ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(WebhookEventMapper.fromRow(row)) : Optional.empty();
            }
        });
    }

    /** The duplicate fast path's look-up: the row without the stored request's headers and body. */
    private static Query findQuery(DSLContext dsl) {
        return dsl.select(EVENT_COLUMNS).from(WEBHOOK_EVENTS).where(WEBHOOK_EVENTS.WEBHOOK_TYPE
                .eq(RenderedStatement.param("type", String.class))
                .and(WEBHOOK_EVENTS.WEBHOOK_ID.eq(RenderedStatement.param("id", String.class))));
    }

    private static Condition key(WebhookType type, WebhookId webhookId) {
        return WEBHOOK_EVENTS.WEBHOOK_TYPE.eq(type.value()).and(WEBHOOK_EVENTS.WEBHOOK_ID.eq(webhookId.value()));
    }

    /**
     * Keyset paging on (received_at, id): a page is the rows strictly before the cursor, so rows arriving
     * meanwhile never shift it. One row more than the limit tells whether a next page exists.
     */
    @Override
    public DeliveryPage page(DeliveryQuery query) {
        Objects.requireNonNull(query, "query");
        var w = WEBHOOK_EVENTS;
        List<Condition> conditions = new ArrayList<>();
        query.source().ifPresent(source -> conditions.add(w.WEBHOOK_TYPE.eq(source.value())));
        query.outcome().ifPresent(outcome -> conditions.add(w.STATUS.eq(outcome.status().name())));
        query.keyContains().ifPresent(text -> conditions.add(w.WEBHOOK_ID.contains(text)));
        query.before().ifPresent(cursor -> conditions.add(
                DSL.row(w.RECEIVED_AT, w.ID).lt(cursor.receivedAt(), cursor.sequence())));
        return db.call(dsl -> {
            var rows = dsl.select(EVENT_COLUMNS).from(w)
                    .where(conditions)
                    .orderBy(w.RECEIVED_AT.desc(), w.ID.desc())
                    .limit(query.limit() + 1)
                    .fetch(row -> row.into(w));
            boolean more = rows.size() > query.limit();
            var page = more ? rows.subList(0, query.limit()) : rows;
            Optional<DeliveryCursor> next = more
                    ? Optional.of(new DeliveryCursor(page.get(page.size() - 1).getReceivedAt(),
                            page.get(page.size() - 1).getId()))
                    : Optional.empty();
            return new DeliveryPage(page.stream().map(WebhookEventMapper::toDomain).toList(), next);
        });
    }

    @Override
    public List<MinuteCount> perMinute(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        var w = WEBHOOK_EVENTS;
        Field<Instant> minute = DSL.trunc(w.RECEIVED_AT, DatePart.MINUTE).as("minute");
        Field<Integer> count = DSL.count().as("deliveries");
        return db.call(dsl -> dsl.select(minute, w.STATUS, count)
                .from(w)
                .where(w.RECEIVED_AT.ge(from)).and(w.RECEIVED_AT.lt(to))
                .groupBy(DSL.trunc(w.RECEIVED_AT, DatePart.MINUTE), w.STATUS)
                .fetch(row -> new MinuteCount(row.get(minute), DeliveryOutcome.of(EventStatus.valueOf(row.get(w.STATUS))),
                        row.get(count))))
                .stream()
                .sorted(Comparator.comparing(MinuteCount::minute).thenComparing(MinuteCount::outcome))
                .toList();
    }

    /** The stored request of one key: the only read of the headers and the body. */
    @Override
    public Optional<StoredRequest> findRequest(WebhookType source, WebhookId key) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        var w = WEBHOOK_EVENTS;
        return db.call(dsl -> dsl.select(w.CONTENT_TYPE, w.REQUEST_HEADERS, w.REQUEST_BODY)
                .from(w)
                .where(key(source, key))
                .and(w.REQUEST_BODY.isNotNull())
                .fetchOptional(row -> new StoredRequest(RequestHeadersCodec.decode(row.get(w.REQUEST_HEADERS)),
                        row.get(w.CONTENT_TYPE), row.get(w.REQUEST_BODY))));
    }

    private static WebhookEvent toDomain(Record row) {
        return WebhookEventMapper.toDomain(row.into(WEBHOOK_EVENTS));
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException("'" + name + "' must be at least 1");
        }
    }
}
