package io.hookguard.persistence;

import static io.hookguard.persistence.jooq.Tables.WEBHOOK_EVENTS;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import io.hookguard.domain.idempotency.Claim;
import io.hookguard.domain.idempotency.ClaimOutcome;
import io.hookguard.domain.idempotency.ClaimRequest;
import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.EventStatus;
import io.hookguard.domain.idempotency.Fingerprint;
import io.hookguard.domain.idempotency.StoreContentionException;
import io.hookguard.domain.idempotency.Text;
import io.hookguard.domain.idempotency.WebhookEvent;
import io.hookguard.domain.idempotency.WebhookEventStore;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.persistence.jooq.tables.records.WebhookEventsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SelectForUpdateStep;
import org.jooq.exception.DataAccessException;

/**
 * The idempotency store on jOOQ. A claim is one {@code INSERT … ON CONFLICT … DO UPDATE … WHERE <re-claimable>
 * RETURNING} statement; only when it returns nothing does a read classify the existing row.
 */
public final class JooqWebhookEventStore implements WebhookEventStore {

    static final int MAX_ERROR_LENGTH = 2000;
    private static final String UNIQUE_VIOLATION = "23505";
    /** How often a claim is decided again when the row changed between the upsert and the read. */
    private static final int MAX_CLAIM_ROUNDS = 3;

    private static final String PROCESSING = EventStatus.PROCESSING.name();
    private static final String COMPLETED = EventStatus.COMPLETED.name();
    private static final String FAILED = EventStatus.FAILED.name();

    private final Database db;

    public JooqWebhookEventStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public ClaimOutcome claim(ClaimRequest request) {
        Objects.requireNonNull(request, "request");
        return db.call(dsl -> {
            for (int round = 1; round <= MAX_CLAIM_ROUNDS; round++) {
                Optional<Claim> claim;
                try {
                    claim = upsert(dsl, request);
                } catch (DataAccessException e) {
                    if (lostH2InsertRace(e)) {
                        continue;
                    }
                    throw e;
                }
                if (claim.isPresent()) {
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

    private static Optional<Claim> upsert(DSLContext dsl, ClaimRequest request) {
        Delivery delivery = request.delivery();
        var w = WEBHOOK_EVENTS;
        Condition windowPassed = w.STATUS.eq(COMPLETED).and(w.COMPLETED_AT.le(request.windowStart()));
        Condition retryable = w.FINGERPRINT.eq(delivery.fingerprint().hex())
                .and(w.STATUS.eq(FAILED).or(w.STATUS.eq(PROCESSING).and(w.LOCKED_UNTIL.le(request.now()))));
        Optional<Record2<Integer, Instant>> claimed = dsl.insertInto(w)
                .set(w.WEBHOOK_TYPE, delivery.type().value())
                .set(w.WEBHOOK_ID, delivery.id().value())
                .set(w.ADW_ID, delivery.adwId())
                .set(w.ISSUE_NUMBER, delivery.issueNumber())
                .set(w.RECEIVED_AT, request.now())
                .set(w.PROCESSED, false)
                .set(w.STATUS, PROCESSING)
                .set(w.FINGERPRINT, delivery.fingerprint().hex())
                .set(w.LOCKED_UNTIL, request.leaseUntil())
                .set(w.ATTEMPTS, 1)
                .onConflict(w.WEBHOOK_TYPE, w.WEBHOOK_ID)
                .doUpdate()
                .set(w.STATUS, PROCESSING)
                .set(w.PROCESSED, false)
                .set(w.LOCKED_UNTIL, request.leaseUntil())
                .set(w.COMPLETED_AT, (Instant) null)
                .set(w.RESPONSE, (String) null)
                .set(w.ATTEMPTS, w.ATTEMPTS.plus(1))
                .set(w.FINGERPRINT, when(windowPassed, val(delivery.fingerprint().hex(), w.FINGERPRINT))
                        .otherwise(w.FINGERPRINT))
                .set(w.RECEIVED_AT, when(windowPassed, val(request.now(), w.RECEIVED_AT)).otherwise(w.RECEIVED_AT))
                .set(w.ADW_ID, when(windowPassed, val(delivery.adwId(), w.ADW_ID)).otherwise(w.ADW_ID))
                .set(w.ISSUE_NUMBER, when(windowPassed, val(delivery.issueNumber(), w.ISSUE_NUMBER))
                        .otherwise(w.ISSUE_NUMBER))
                .set(w.LAST_ERROR, when(windowPassed, val((String) null, w.LAST_ERROR)).otherwise(w.LAST_ERROR))
                .where(windowPassed.or(retryable))
                .returningResult(w.ATTEMPTS, w.LOCKED_UNTIL)
                .fetchOptional();
        return claimed.map(row -> new Claim(delivery.type(), delivery.id(), row.value1(), row.value2()));
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
    private static Optional<ClaimOutcome> refusal(WebhookEventsRecord row, ClaimRequest request) {
        EventStatus status = EventStatus.valueOf(row.getStatus());
        if (status == EventStatus.COMPLETED && !row.getCompletedAt().isAfter(request.windowStart())) {
            return Optional.empty();
        }
        if (!row.getFingerprint().equals(request.delivery().fingerprint().hex())) {
            return Optional.of(new ClaimOutcome.Mismatch(new Fingerprint(row.getFingerprint())));
        }
        if (status == EventStatus.COMPLETED) {
            return Optional.of(new ClaimOutcome.Duplicate(row.getResponse(), row.getCompletedAt()));
        }
        if (status == EventStatus.PROCESSING && row.getLockedUntil().isAfter(request.now())) {
            return Optional.of(new ClaimOutcome.InFlight(row.getLockedUntil()));
        }
        return Optional.empty();
    }

    @Override
    public boolean complete(Claim claim, String response, Instant now) {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(now, "now");
        var w = WEBHOOK_EVENTS;
        return db.call(dsl -> dsl.update(w)
                .set(w.STATUS, COMPLETED)
                .set(w.PROCESSED, true)
                .set(w.COMPLETED_AT, now)
                .set(w.LOCKED_UNTIL, (Instant) null)
                .set(w.RESPONSE, response)
                .where(heldBy(claim))
                .execute()) == 1;
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
        return db.call(dsl -> selectRow(dsl, type, webhookId).map(WebhookEventMapper::toDomain));
    }

    @Override
    public List<WebhookEvent> findByWebhookId(WebhookId webhookId) {
        Objects.requireNonNull(webhookId, "webhookId");
        var w = WEBHOOK_EVENTS;
        return db.call(dsl -> dsl.selectFrom(w)
                .where(w.WEBHOOK_ID.eq(webhookId.value()))
                .orderBy(w.WEBHOOK_TYPE)
                .fetch(WebhookEventMapper::toDomain));
    }

    @Override
    public List<WebhookEvent> findRecent(int limit) {
        requirePositive(limit, "limit");
        var w = WEBHOOK_EVENTS;
        return db.call(dsl -> dsl.selectFrom(w)
                .orderBy(w.RECEIVED_AT.desc(), w.ID.desc())
                .limit(limit)
                .fetch(WebhookEventMapper::toDomain));
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

    private static Optional<WebhookEventsRecord> selectRow(DSLContext dsl, WebhookType type, WebhookId webhookId) {
        return dsl.selectFrom(WEBHOOK_EVENTS).where(key(type, webhookId)).fetchOptional();
    }

    private static Condition key(WebhookType type, WebhookId webhookId) {
        return WEBHOOK_EVENTS.WEBHOOK_TYPE.eq(type.value()).and(WEBHOOK_EVENTS.WEBHOOK_ID.eq(webhookId.value()));
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException("'" + name + "' must be at least 1");
        }
    }
}
