package io.hookguard.persistence;

import io.hookguard.domain.queue.PhaseQueueStore;
import io.hookguard.domain.queue.PhaseQueueStoreContract;
import io.hookguard.persistence.testing.H2TestDatabase;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The relational phase queue passes the queue's contract on H2 (the embedded default) and on PostgreSQL. */
class JooqPhaseQueueStoreTest {

    @Nested
    class OnH2 extends PhaseQueueStoreContract {

        @RegisterExtension
        static final H2TestDatabase DB = new H2TestDatabase();

        @Override
        protected PhaseQueueStore newStore() {
            DB.reset();
            return new JooqPhaseQueueStore(DB.database());
        }
    }

    @Nested
    class OnPostgres extends PhaseQueueStoreContract {

        @RegisterExtension
        static final PostgresTestDatabase DB = new PostgresTestDatabase();

        @Override
        protected PhaseQueueStore newStore() {
            DB.reset();
            return new JooqPhaseQueueStore(DB.database());
        }
    }
}
