package io.hookguard.persistence;

import static io.hookguard.persistence.jooq.Tables.WEBHOOK_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.val;

import io.hookguard.domain.idempotency.CleanUpExpiredEvents;
import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.DeliveryKey;
import io.hookguard.domain.idempotency.Fingerprint;
import io.hookguard.domain.idempotency.HandlerOutcome;
import io.hookguard.domain.idempotency.IdempotencyPolicy;
import io.hookguard.domain.idempotency.IdempotentIntake;
import io.hookguard.domain.idempotency.IntakeResult;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.testing.MutableClock;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retention cleanup of a large backlog runs in bounded batches while intake keeps claiming. */
class CleanupPostgresTest {

    @RegisterExtension
    static final PostgresTestDatabase DB = new PostgresTestDatabase();

    private static final int EXPIRED = 100_000;
    private static final int BATCH = CleanUpExpiredEvents.DEFAULT_BATCH_SIZE;

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    private final IdempotencyPolicy policy = IdempotencyPolicy.defaults();

    /** A claim that finished, and when (System.nanoTime). */
    private record Finished(IntakeResult<String> result, long at) {
    }

    @Test
    void hundredThousandExpiredRowsAreDeletedInBatchesWhileClaimsKeepSucceeding() throws Exception {
        DB.reset();
        Database db = DB.database();
        insertExpiredRows(db, clock.instant().minus(policy.retention()).minusSeconds(60));
        JooqWebhookEventStore store = new JooqWebhookEventStore(db);
        IdempotentIntake intake = new IdempotentIntake(store, new JooqUnitOfWork(db), policy, clock);
        CleanUpExpiredEvents cleanup = new CleanUpExpiredEvents(store, policy, clock, BATCH);

        assertThat(store.deleteOlderThan(policy.retentionCutoff(clock.instant()), BATCH)).isEqualTo(BATCH);

        ConcurrentLinkedQueue<Finished> claims = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch claiming = new CountDownLatch(5);
        ExecutorService claimer = Executors.newSingleThreadExecutor();
        long cleanupStarted;
        long cleanupEnded;
        long deleted;
        try {
            Future<?> claimLoop = claimer.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    claims.add(new Finished(intake.accept(live(i), claim -> new HandlerOutcome.Success<>("ok", "{}")),
                            System.nanoTime()));
                    claiming.countDown();
                }
            });
            assertThat(claiming.await(10, TimeUnit.SECONDS)).isTrue();

            cleanupStarted = System.nanoTime();
            deleted = cleanup.cleanUp();
            cleanupEnded = System.nanoTime();

            stop.set(true);
            claimLoop.get(10, TimeUnit.SECONDS);
        } finally {
            claimer.shutdownNow();
        }

        assertThat(deleted).isEqualTo(EXPIRED - BATCH);
        assertThat(claims).extracting(Finished::result).allMatch(IntakeResult.Processed.class::isInstance);
        List<Finished> duringCleanup = claims.stream()
                .filter(claim -> claim.at() > cleanupStarted && claim.at() < cleanupEnded)
                .toList();
        assertThat(duringCleanup)
                .as("claims finished while the cleanup ran (%d ms)",
                        Duration.ofNanos(cleanupEnded - cleanupStarted).toMillis())
                .isNotEmpty();
        assertThat(db.dsl().fetchCount(WEBHOOK_EVENTS)).isEqualTo(claims.size());
    }

    private static void insertExpiredRows(Database db, Instant receivedAt) {
        db.dsl().execute("""
                INSERT INTO webhook_events (webhook_id, webhook_type, received_at, processed, status, fingerprint,
                                            completed_at, attempts, response)
                SELECT 'expired-' || n, 'workflow_complete', {0}, TRUE, 'COMPLETED', {1}, {0}, 1, '{}'
                FROM generate_series(1, {2}) AS n
                """, val(receivedAt), val(Fingerprint.of("x").hex()), inline(EXPIRED));
        db.dsl().execute("ANALYZE webhook_events");
    }

    private static Delivery live(int i) {
        String id = "live-" + i;
        return new Delivery(WebhookType.WORKFLOW_COMPLETE, new DeliveryKey(new WebhookId(id), Fingerprint.of(id)),
                null, null);
    }
}
