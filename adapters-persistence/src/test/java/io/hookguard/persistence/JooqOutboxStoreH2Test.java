package io.hookguard.persistence;

import io.hookguard.domain.outbox.OutboxStoreContract;
import io.hookguard.domain.outbox.OutboxStores;
import io.hookguard.persistence.testing.H2TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqOutboxStoreH2Test extends OutboxStoreContract {

    @RegisterExtension
    static final H2TestDatabase DB = new H2TestDatabase();

    @Override
    protected OutboxStores newStores() {
        DB.reset();
        JooqOutboxStore store = new JooqOutboxStore(DB.database());
        return new OutboxStores(new JooqOutbox(DB.database()), store, store, store, store);
    }
}
