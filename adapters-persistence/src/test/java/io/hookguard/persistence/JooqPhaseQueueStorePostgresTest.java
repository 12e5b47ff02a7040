package io.hookguard.persistence;

import io.hookguard.domain.queue.PhaseQueueStoreContract;
import io.hookguard.domain.queue.PhaseQueueStore;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqPhaseQueueStorePostgresTest extends PhaseQueueStoreContract {

    @RegisterExtension
    static final PostgresTestDatabase DB = new PostgresTestDatabase();

    @Override
    protected PhaseQueueStore newStore() {
        DB.reset();
        return new JooqPhaseQueueStore(DB.database());
    }
}
