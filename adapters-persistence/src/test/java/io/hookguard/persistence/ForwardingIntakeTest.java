package io.hookguard.persistence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;

import io.hookguard.domain.idempotency.StoreUnavailableException;
import io.hookguard.persistence.testing.H2TestDatabase;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import io.hookguard.persistence.testing.TestDatabase;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Outbox messages commit with the claim, the effect and the completion, on H2 and on PostgreSQL. */
class ForwardingIntakeTest {

    @Nested
    class OnH2 extends ForwardingIntakeScenarios {

        @RegisterExtension
        static final H2TestDatabase DB = new H2TestDatabase();

        @Override
        protected TestDatabase db() {
            return DB;
        }
    }

    @Nested
    class OnPostgres extends ForwardingIntakeScenarios {

        @RegisterExtension
        static final PostgresTestDatabase DB = new PostgresTestDatabase();

        @Override
        protected TestDatabase db() {
            return DB;
        }

        @Test
        void backendKilledAfterTheAppendLeavesNothingBehindAndTheRetryIsProcessed() {
            Database observer = DB.connectAnother(settings -> settings.withPoolSize(1));
            Database db = DB.database();
            WorkflowIntake dying = new WorkflowIntake(db, clock, UnaryOperator.identity(),
                    events -> completing(events, () -> {
                        Integer pid = db.dsl().select(field("pg_backend_pid()", Integer.class))
                                .fetchOne(0, Integer.class);
                        observer.dsl().execute("SELECT pg_terminate_backend(" + pid + ")");
                        awaitGone(observer, pid);
                    }));

            assertThatThrownBy(() -> dying.complete("p1")).isInstanceOf(StoreUnavailableException.class);

            assertNothingWasWritten();
            assertTheRetryIsProcessedOnce();
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
