package io.hookguard.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookguard.domain.idempotency.ClaimOutcome;
import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.DeliveryKey;
import io.hookguard.domain.idempotency.Fingerprint;
import io.hookguard.domain.idempotency.IdempotencyPolicy;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Writes sent with the commit ({@link Database#writeAtCommit}) on PostgreSQL, where they share its round trip. */
class DeferredWritesPostgresTest {

    @RegisterExtension
    static final PostgresTestDatabase DB = new PostgresTestDatabase();

    private Database db;
    private RenderedStatement insert;

    @BeforeEach
    void probeTable() {
        db = DB.database();
        db.dsl().execute("CREATE TABLE IF NOT EXISTS deferred_probe (id INTEGER PRIMARY KEY, note VARCHAR(20) NOT NULL)");
        db.dsl().execute("TRUNCATE deferred_probe");
        insert = RenderedStatement.render(db.dsl(), () -> db.dsl().query("INSERT INTO deferred_probe VALUES ({0}, {1})",
                RenderedStatement.param("id", Integer.class), RenderedStatement.param("note", String.class)));
    }

    private static Map<String, Object> row(int id, String note) {
        return Map.of("id", id, "note", note);
    }

    private List<Integer> ids() {
        return db.dsl().fetch("SELECT id FROM deferred_probe ORDER BY id").getValues(0, Integer.class);
    }

    /** Whether the current transaction has written or locked anything (PostgreSQL assigns an id only then). */
    private boolean transactionHasWritten() {
        return db.call(dsl -> dsl.fetchOne("SELECT pg_current_xact_id_if_assigned() IS NOT NULL").get(0, Boolean.class));
    }

    @Test
    void writesAreHeldUntilTheCommitAndThenCommitTogether() {
        db.inTransaction(() -> {
            db.writeAtCommit(insert, List.of(row(1, "a"), row(2, "b")));
            db.writeAtCommit(insert, List.of(row(3, "c")));
            boolean nothingSent = db.dsl().connectionResult(connection -> {
                try (var statement = connection.createStatement();
                        var held = statement.executeQuery("SELECT pg_current_xact_id_if_assigned() IS NULL")) {
                    held.next();
                    return held.getBoolean(1);
                }
            });
            assertThat(nothingSent).as("nothing sent before the commit").isTrue();
            return null;
        });

        assertThat(ids()).containsExactly(1, 2, 3);
    }

    @Test
    void aStatementRunInTheUnitOfWorkSeesTheWritesHeldBeforeIt() {
        List<Integer> seen = db.inTransaction(() -> {
            db.writeAtCommit(insert, List.of(row(1, "a")));
            return db.call(dsl -> dsl.fetch("SELECT id FROM deferred_probe").getValues(0, Integer.class));
        });

        assertThat(seen).containsExactly(1);
        assertThat(ids()).containsExactly(1);
    }

    @Test
    void aFailingWriteRollsBackTheWholeUnitOfWorkAndTheConnectionIsReusable() {
        db.writeAtCommit(insert, List.of(row(1, "before")));

        assertThatThrownBy(() -> db.inTransaction(() -> {
            db.call(dsl -> dsl.execute("INSERT INTO deferred_probe VALUES (2, 'immediate')"));
            db.writeAtCommit(insert, List.of(row(3, "fine"), row(1, "duplicate key")));
            return null;
        })).isInstanceOf(RuntimeException.class).hasMessageContaining("deferred_probe_pkey");

        assertThat(ids()).as("the immediate insert and the fine one rolled back too").containsExactly(1);
        for (int i = 0; i < 12; i++) { // more units of work than the pool has connections: none is left broken
            int id = 10 + i;
            db.inTransaction(() -> {
                db.writeAtCommit(insert, List.of(row(id, "after")));
                return null;
            });
        }
        assertThat(ids()).hasSize(13);
    }

    @Test
    void aNestedUnitOfWorkThatFailsForgetsOnlyItsOwnWrites() {
        db.inTransaction(() -> {
            db.writeAtCommit(insert, List.of(row(1, "outer")));
            assertThatThrownBy(() -> db.inTransaction(() -> {
                db.writeAtCommit(insert, List.of(row(2, "nested")));
                throw new IllegalStateException("nested work fails");
            })).hasMessage("nested work fails");
            db.writeAtCommit(insert, List.of(row(3, "outer again")));
            return null;
        });

        assertThat(ids()).containsExactly(1, 3);
    }

    @Test
    void workThatThrowsSendsNothing() {
        assertThatThrownBy(() -> db.inTransaction(() -> {
            db.writeAtCommit(insert, List.of(row(1, "a")));
            throw new IllegalStateException("undo");
        })).hasMessage("undo");

        assertThat(ids()).isEmpty();
        assertThat(DSL.using(db.dataSource(), db.dialect()).fetchOne("SELECT 1").get(0, Integer.class)).isEqualTo(1);
    }

    @Test
    void outsideAUnitOfWorkTheWritesRunAtOnceAndTogether() {
        assertThatThrownBy(() -> db.writeAtCommit(insert, List.of(row(1, "a"), row(1, "again"))))
                .hasMessageContaining("deferred_probe_pkey");
        db.writeAtCommit(insert, List.of(row(2, "b")));

        assertThat(ids()).containsExactly(2);
    }

    @Test
    void aClaimOfACompletedKeyIsADuplicateThatWritesAndLocksNothing() {
        JooqWebhookEventStore store = new JooqWebhookEventStore(db);
        IdempotencyPolicy policy = new IdempotencyPolicy(Duration.ofDays(7), Duration.ofMinutes(1), Duration.ofDays(7),
                Map.of(WebhookType.WORKFLOW_COMPLETE, Duration.ofMinutes(10)));
        Delivery delivery = new Delivery(WebhookType.WORKFLOW_COMPLETE,
                new DeliveryKey(new WebhookId("dup-1"), Fingerprint.of("report")), "adw-1", 7);
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        db.inTransaction(() -> {
            ClaimOutcome first = store.claim(policy.claimRequest(delivery, now));
            assertThat(first).isInstanceOf(ClaimOutcome.Claimed.class);
            return store.complete(((ClaimOutcome.Claimed) first).claim(), "{\"ok\":true}", now);
        });
        assertThat(store.claimsDuplicatesWithoutWriting()).isTrue();

        List<Object> seen = db.inTransaction(() -> {
            ClaimOutcome again = store.claim(policy.claimRequest(delivery, now.plusSeconds(5)));
            return List.of(again, transactionHasWritten());
        });

        assertThat(seen.get(0)).isInstanceOf(ClaimOutcome.Duplicate.class);
        assertThat(seen.get(1)).as("a transaction id: the claim wrote or locked something").isEqualTo(false);
    }

    @Test
    void aTransactionThatOnlyReadsHasWrittenNothing() {
        assertThat(db.inTransaction(this::transactionHasWritten)).isFalse();
        assertThat(db.inTransaction(() -> {
            db.call(dsl -> dsl.execute("INSERT INTO deferred_probe VALUES (1, 'x')"));
            return transactionHasWritten();
        })).as("the probe itself can tell").isTrue();
    }
}
