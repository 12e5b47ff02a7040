package io.hookguard.domain.outbox;

class InMemoryOutboxStoreTest extends OutboxStoreContract {

    @Override
    protected OutboxStores newStores() {
        return OutboxStores.of(new InMemoryOutboxStore());
    }
}
