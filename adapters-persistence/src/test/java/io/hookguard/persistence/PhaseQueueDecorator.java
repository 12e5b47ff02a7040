package io.hookguard.persistence;

import io.hookguard.domain.queue.ParentIssue;
import io.hookguard.domain.queue.PhaseEntry;
import io.hookguard.domain.queue.PhaseQueueStore;
import io.hookguard.domain.queue.QueueId;
import java.util.List;
import java.util.Optional;

/** A phase queue that runs {@code afterUpdate} once the real update is written, to observe or break the effect. */
final class PhaseQueueDecorator implements PhaseQueueStore {

    private final PhaseQueueStore delegate;
    private final Runnable afterUpdate;

    PhaseQueueDecorator(PhaseQueueStore delegate, Runnable afterUpdate) {
        this.delegate = delegate;
        this.afterUpdate = afterUpdate;
    }

    @Override
    public void insertAll(List<PhaseEntry> entries) {
        delegate.insertAll(entries);
    }

    @Override
    public Optional<PhaseEntry> findByQueueId(QueueId queueId) {
        return delegate.findByQueueId(queueId);
    }

    @Override
    public List<PhaseEntry> findByIssue(ParentIssue issue) {
        return delegate.findByIssue(issue);
    }

    @Override
    public List<PhaseEntry> lockByIssue(ParentIssue issue) {
        return delegate.lockByIssue(issue);
    }

    @Override
    public void updateAll(List<PhaseEntry> entries) {
        delegate.updateAll(entries);
        afterUpdate.run();
    }
}
