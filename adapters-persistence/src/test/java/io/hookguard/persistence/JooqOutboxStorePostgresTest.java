package io.hookguard.persistence;

import io.hookguard.domain.outbox.OutboxStoreContract;
import io.hookguard.domain.outbox.OutboxStores;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqOutboxStorePostgresTest extends OutboxStoreContract {

    @RegisterExtension
    static final PostgresTestDatabase DB = new PostgresTestDatabase();

    @Override
    protected OutboxStores newStores() {
        DB.reset();
        JooqOutboxStore store = new JooqOutboxStore(DB.database());
        return new OutboxStores(new JooqOutbox(DB.database()), store, store, store, store);
    }
}
