package io.hookguard.persistence;

import static io.hookguard.persistence.WorkflowIntake.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;

import io.hookguard.domain.idempotency.IntakeResult;
import io.hookguard.domain.idempotency.StoreUnavailableException;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.queue.CompleteWorkflow;
import io.hookguard.domain.queue.PhaseStatus;
import io.hookguard.persistence.testing.H2TestDatabase;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import io.hookguard.persistence.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Claim, effect and completion commit together, on H2 (the embedded default) and on PostgreSQL. */
class ExactlyOnceIntakeTest {

    @Nested
    class OnH2 extends ExactlyOnceIntakeScenarios {

        @RegisterExtension
        static final H2TestDatabase DB = new H2TestDatabase();

        @Override
        protected TestDatabase db() {
            return DB;
        }
    }

    @Nested
    class OnPostgres extends ExactlyOnceIntakeScenarios {

        @RegisterExtension
        static final PostgresTestDatabase DB = new PostgresTestDatabase();

        @Override
        protected TestDatabase db() {
            return DB;
        }

        @Test
        void connectionLostAfterTheEffectLeavesNothingBehindAndTheRetryIsProcessed() {
            Database observer = DB.connectAnother(settings -> settings.withPoolSize(1));
            Database db = DB.database();
            WorkflowIntake dying = new WorkflowIntake(db, clock, queue -> WorkflowIntake.afterUpdate(queue, () -> {
                Integer pid = db.dsl().select(field("pg_backend_pid()", Integer.class)).fetchOne(0, Integer.class);
                observer.dsl().execute("SELECT pg_terminate_backend(" + pid + ")");
                awaitGone(observer, pid);
            }));

            assertThatThrownBy(() -> dying.complete("p1")).isInstanceOf(StoreUnavailableException.class);

            assertThat(intake().events.find(WebhookType.WORKFLOW_COMPLETE,
                    CompleteWorkflow.keyOf(command("p1")).webhookId())).isEmpty();
            assertThat(statuses()).containsExactly(PhaseStatus.READY, PhaseStatus.QUEUED, PhaseStatus.QUEUED);

            assertThat(intake().complete("p1")).isInstanceOf(IntakeResult.Processed.class);
            assertThat(event("p1").attempts()).isEqualTo(1);
            assertThat(statuses()).containsExactly(PhaseStatus.COMPLETED, PhaseStatus.READY, PhaseStatus.QUEUED);
        }

        private static void awaitGone(Database observer, int pid) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (observer.dsl().fetchExists(
                    observer.dsl().selectOne().from("pg_stat_activity").where("pid = " + pid))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("backend " + pid + " was not terminated");
                }
                Thread.onSpinWait();
            }
        }
    }
}
