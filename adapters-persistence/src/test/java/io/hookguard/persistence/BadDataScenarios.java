package io.hookguard.persistence;

import static io.hookguard.persistence.jooq.Tables.GITHUB_DELIVERIES;
import static io.hookguard.persistence.jooq.Tables.PHASE_QUEUE;
import static io.hookguard.persistence.jooq.Tables.WEBHOOK_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookguard.domain.github.GithubEvent;
import io.hookguard.domain.github.InboxEntry;
import io.hookguard.domain.idempotency.Claim;
import io.hookguard.domain.idempotency.ClaimOutcome;
import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.DeliveryKey;
import io.hookguard.domain.idempotency.Fingerprint;
import io.hookguard.domain.idempotency.IdempotencyPolicy;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.queue.AdwId;
import io.hookguard.domain.queue.ParentIssue;
import io.hookguard.domain.queue.PhaseEntry;
import io.hookguard.domain.queue.PhaseStatus;
import io.hookguard.domain.queue.PhaseTitle;
import io.hookguard.domain.queue.QueueId;
import io.hookguard.persistence.jooq.tables.records.GithubDeliveriesRecord;
import io.hookguard.persistence.jooq.tables.records.PhaseQueueRecord;
import io.hookguard.persistence.jooq.tables.records.WebhookEventsRecord;
import io.hookguard.persistence.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.TableRecord;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The domain's limits are the columns' limits: values at a limit are stored whole, values past it never reach
 * SQL, and the schema's constraints refuse what bypasses the domain.
 */
abstract class BadDataScenarios {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Fingerprint FINGERPRINT = Fingerprint.of("body");

    protected abstract TestDatabase db();

    private DSLContext dsl;

    @BeforeEach
    void emptyTables() {
        db().reset();
        dsl = db().database().dsl();
    }

    @Test
    void valuesAtTheDomainLimitsAreStoredWhole() {
        JooqWebhookEventStore events = new JooqWebhookEventStore(db().database());
        WebhookId longId = new WebhookId("w".repeat(WebhookId.MAX_LENGTH));
        WebhookType longType = new WebhookType("t".repeat(64));
        Delivery delivery = new Delivery(longType, new DeliveryKey(longId, FINGERPRINT),
                "a".repeat(Delivery.MAX_ADW_ID_LENGTH), Integer.MAX_VALUE);
        events.claim(IdempotencyPolicy.defaults().claimRequest(delivery, NOW));
        JooqPhaseQueueStore queue = new JooqPhaseQueueStore(db().database());
        PhaseEntry phase = new PhaseEntry(new QueueId("q".repeat(QueueId.MAX_LENGTH)), new ParentIssue(1), 1,
                new PhaseTitle("t".repeat(PhaseTitle.MAX_LENGTH)), PhaseStatus.FAILED,
                new AdwId("a".repeat(AdwId.MAX_LENGTH)), "e".repeat(PhaseEntry.MAX_ERROR_MESSAGE_LENGTH), NOW, NOW);
        queue.insertAll(List.of(phase));
        JooqGithubInbox inbox = new JooqGithubInbox(db().database());
        InboxEntry entry = new InboxEntry(longId, new GithubEvent("e".repeat(100)),
                "a".repeat(InboxEntry.MAX_ACTION_LENGTH), "r".repeat(InboxEntry.MAX_REPOSITORY_LENGTH), "{}", NOW);
        inbox.append(entry);

        assertThat(events.find(longType, longId).orElseThrow().adwId()).hasSize(Delivery.MAX_ADW_ID_LENGTH);
        assertThat(queue.findByQueueId(phase.queueId())).contains(phase);
        assertThat(inbox.newestFirst(1)).containsExactly(entry);
    }

    @Test
    void valuesPastTheDomainLimitsNeverReachSql() {
        assertThatThrownBy(() -> new WebhookId("w".repeat(WebhookId.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'webhookId'");
        assertThatThrownBy(() -> new WebhookType("t".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'webhookType'");
        assertThatThrownBy(() -> new Delivery(WebhookType.GITHUB, new DeliveryKey(new WebhookId("w"), FINGERPRINT),
                "a".repeat(Delivery.MAX_ADW_ID_LENGTH + 1), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'adwId'");
        assertThatThrownBy(() -> new QueueId("q".repeat(QueueId.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'queue_id'");
        assertThatThrownBy(() -> new PhaseTitle("t".repeat(PhaseTitle.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'title'");
        assertThatThrownBy(() -> new InboxEntry(new WebhookId("d"), new GithubEvent("push"),
                "a".repeat(InboxEntry.MAX_ACTION_LENGTH + 1), null, "{}", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'action'");
        assertThat(dsl.fetchCount(WEBHOOK_EVENTS) + dsl.fetchCount(PHASE_QUEUE) + dsl.fetchCount(GITHUB_DELIVERIES))
                .isZero();
    }

    @Test
    void valuesPastTheDomainLimitsAreRefusedByTheColumnsToo() {
        assertRefused(webhookEvent(row -> row.setWebhookId("w".repeat(WebhookId.MAX_LENGTH + 1))),
                SQLStateClass.C22_DATA_EXCEPTION);
        assertRefused(webhookEvent(row -> row.setAdwId("a".repeat(Delivery.MAX_ADW_ID_LENGTH + 1))),
                SQLStateClass.C22_DATA_EXCEPTION);
        assertRefused(phase(row -> row.setTitle("t".repeat(PhaseTitle.MAX_LENGTH + 1))),
                SQLStateClass.C22_DATA_EXCEPTION);
        assertRefused(phase(row -> row.setErrorMessage("e".repeat(PhaseEntry.MAX_ERROR_MESSAGE_LENGTH + 1))),
                SQLStateClass.C22_DATA_EXCEPTION);
        assertRefused(delivery(row -> row.setAction("a".repeat(InboxEntry.MAX_ACTION_LENGTH + 1))),
                SQLStateClass.C22_DATA_EXCEPTION);
    }

    @Test
    void invalidStatusesAndNumbersViolateConstraints() {
        assertRefused(webhookEvent(row -> row.setStatus("DONE")), SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION);
        assertRefused(webhookEvent(row -> row.setProcessed(true)), SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION);
        assertRefused(webhookEvent(row -> row.setLockedUntil(null)), SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION);
        assertRefused(webhookEvent(row -> row.setIssueNumber(0)), SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION);
        assertRefused(webhookEvent(row -> row.setFingerprint("abc")), SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION);
        assertRefused(webhookEvent(row -> row.setAttempts(0)), SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION);
        assertRefused(phase(row -> row.setStatus("done")), SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION);
        assertRefused(phase(row -> row.setParentIssue(-1)), SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION);
        assertRefused(phase(row -> row.setPhaseNumber(0)), SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION);
        assertRefused(delivery(row -> row.setEvent("")), SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION);
        assertThat(dsl.fetchCount(WEBHOOK_EVENTS) + dsl.fetchCount(PHASE_QUEUE) + dsl.fetchCount(GITHUB_DELIVERIES))
                .isZero();
    }

    @Test
    void validRowsOfTheRawInsertsAreAccepted() {
        dsl.executeInsert(webhookEvent(row -> { }));
        dsl.executeInsert(phase(row -> { }));
        dsl.executeInsert(delivery(row -> { }));

        assertThat(dsl.fetchCount(WEBHOOK_EVENTS) + dsl.fetchCount(PHASE_QUEUE) + dsl.fetchCount(GITHUB_DELIVERIES))
                .isEqualTo(3);
    }

    @Test
    void overlongErrorIsCutToTheColumnWhenAClaimFails() {
        JooqWebhookEventStore events = new JooqWebhookEventStore(db().database());
        Delivery delivery = Delivery.of(WebhookType.GITHUB, new DeliveryKey(new WebhookId("d"), FINGERPRINT));
        Claim claim = ((ClaimOutcome.Claimed) events.claim(IdempotencyPolicy.defaults().claimRequest(delivery, NOW)))
                .claim();

        assertThat(events.fail(claim, "e".repeat(5_000), NOW)).isTrue();

        assertThat(events.find(WebhookType.GITHUB, new WebhookId("d")).orElseThrow().lastError())
                .hasSize(JooqWebhookEventStore.MAX_ERROR_LENGTH);
    }

    private void assertRefused(TableRecord<?> row, SQLStateClass expected) {
        assertThatThrownBy(() -> dsl.executeInsert(row))
                .isInstanceOfSatisfying(DataAccessException.class,
                        e -> assertThat(e.sqlStateClass()).as(e.getMessage()).isEqualTo(expected));
    }

    private static WebhookEventsRecord webhookEvent(Consumer<WebhookEventsRecord> change) {
        WebhookEventsRecord row = new WebhookEventsRecord();
        row.setWebhookId("w");
        row.setWebhookType("github");
        row.setReceivedAt(NOW);
        row.setProcessed(false);
        row.setStatus("PROCESSING");
        row.setFingerprint(FINGERPRINT.hex());
        row.setLockedUntil(NOW.plusSeconds(60));
        row.setAttempts(1);
        change.accept(row);
        return row;
    }

    private static PhaseQueueRecord phase(Consumer<PhaseQueueRecord> change) {
        PhaseQueueRecord row = new PhaseQueueRecord("q", 1, 1, "plan", "ready", null, null, NOW, NOW);
        change.accept(row);
        return row;
    }

    private static GithubDeliveriesRecord delivery(Consumer<GithubDeliveriesRecord> change) {
        GithubDeliveriesRecord row = new GithubDeliveriesRecord();
        row.setDeliveryId("d");
        row.setEvent("push");
        row.setPayload("{}");
        row.setReceivedAt(NOW);
        change.accept(row);
        return row;
    }
}
