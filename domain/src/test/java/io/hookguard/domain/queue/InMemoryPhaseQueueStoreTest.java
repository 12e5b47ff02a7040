package io.hookguard.domain.queue;

class InMemoryPhaseQueueStoreTest extends PhaseQueueStoreContract {

    @Override
    protected PhaseQueueStore newStore() {
        return new InMemoryPhaseQueueStore();
    }
}
