package io.hookguard.persistence;

import static io.hookguard.persistence.jooq.Tables.WEBHOOK_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;

import io.hookguard.domain.idempotency.CleanUpExpiredEvents;
import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.DeliveryKey;
import io.hookguard.domain.idempotency.Fingerprint;
import io.hookguard.domain.idempotency.HandlerOutcome;
import io.hookguard.domain.idempotency.IdempotencyPolicy;
import io.hookguard.domain.idempotency.IdempotentIntake;
import io.hookguard.domain.idempotency.IntakeResult;
import io.hookguard.domain.idempotency.UnitOfWork;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.testing.MutableClock;
import io.hookguard.persistence.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.TimeZone;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the JVM's default zone fourteen hours ahead of UTC and the database session eleven hours behind it, the
 * dedup window and retention decide exactly as they do in UTC: the domain clock's instants are stored and
 * compared as instants.
 */
abstract class TimeZoneSafetyScenarios {

    static final String JVM_ZONE = "Pacific/Kiritimati";
    static final String SESSION_ZONE = "Pacific/Pago_Pago";

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    private final IdempotencyPolicy policy = IdempotencyPolicy.defaults();
    private TimeZone originalZone;
    protected Database shifted;
    private JooqWebhookEventStore store;
    private UnitOfWork inSessionZone;
    private IdempotentIntake intake;

    protected abstract TestDatabase db();

    /** Sets the zone of the current transaction's session, or the session's where it cannot be scoped. */
    protected abstract void setSessionZone(DSLContext dsl, String zone);

    protected abstract String sessionZone(DSLContext dsl);

    @BeforeEach
    void connectFarFromUtc() {
        db().reset();
        originalZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(JVM_ZONE));
        shifted = db().connectAnother(settings -> settings.withPoolSize(1));
        store = new JooqWebhookEventStore(shifted);
        JooqUnitOfWork transactions = new JooqUnitOfWork(shifted);
        inSessionZone = new UnitOfWork() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return transactions.inTransaction(() -> {
                    setSessionZone(shifted.dsl(), SESSION_ZONE);
                    return work.get();
                });
            }
        };
        intake = new IdempotentIntake(store, inSessionZone, policy, clock);
    }

    @AfterEach
    void restoreZone() {
        TimeZone.setDefault(originalZone);
    }

    @Test
    void zonesReallyDifferFromUtcAndFromEachOther() {
        assertThat(TimeZone.getDefault().getID()).isEqualTo(JVM_ZONE);
        assertThat(inSessionZone.inTransaction(() -> sessionZone(shifted.dsl()))).isEqualTo(SESSION_ZONE);
    }

    @Test
    void storedInstantIsTheClockInstantForTheDatabaseToo() {
        accept("a");

        assertThat(store.find(WebhookType.WORKFLOW_COMPLETE, new WebhookId("a")).orElseThrow().receivedAt())
                .isEqualTo(clock.instant());
        BigDecimal epoch = shifted.dsl()
                .select(field("EXTRACT(EPOCH FROM {0})", BigDecimal.class, WEBHOOK_EVENTS.RECEIVED_AT))
                .from(WEBHOOK_EVENTS)
                .fetchOne(0, BigDecimal.class);
        assertThat(epoch.longValue()).isEqualTo(clock.instant().getEpochSecond());
    }

    @Test
    void dedupWindowEndsAfterExactlyThirtySeconds() {
        assertThat(accept("a")).isInstanceOf(IntakeResult.Processed.class);

        clock.advance(Duration.ofSeconds(29));
        assertThat(accept("a")).isInstanceOf(IntakeResult.Replayed.class);

        clock.advance(Duration.ofSeconds(1));
        assertThat(accept("a")).isInstanceOf(IntakeResult.Processed.class);
    }

    @Test
    void retentionDeletesExactlyTheRowsReceivedBeforeTheCutoff() {
        accept("expired");
        clock.advance(Duration.ofSeconds(1));
        accept("kept");

        clock.advance(IdempotencyPolicy.DEFAULT_RETENTION);
        CleanUpExpiredEvents cleanup = new CleanUpExpiredEvents(store, policy, clock, 100);
        long deleted = inSessionZone.inTransaction(cleanup::cleanUp);

        assertThat(deleted).isEqualTo(1);
        assertThat(store.findRecent(10)).extracting(event -> event.webhookId().value()).containsExactly("kept");
    }

    private IntakeResult<String> accept(String id) {
        Delivery delivery = new Delivery(WebhookType.WORKFLOW_COMPLETE,
                new DeliveryKey(new WebhookId(id), Fingerprint.of(id)), null, null);
        return intake.accept(delivery, claim -> new HandlerOutcome.Success<>(id, "{}"));
    }
}
