package io.hookguard.persistence;

import io.hookguard.domain.queue.PhaseQueueStoreContract;
import io.hookguard.domain.queue.PhaseQueueStore;
import io.hookguard.persistence.testing.H2TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqPhaseQueueStoreH2Test extends PhaseQueueStoreContract {

    @RegisterExtension
    static final H2TestDatabase DB = new H2TestDatabase();

    @Override
    protected PhaseQueueStore newStore() {
        DB.reset();
        return new JooqPhaseQueueStore(DB.database());
    }
}
