package io.hookguard.http;

import io.hookguard.domain.queue.InMemoryPhaseQueueStore;
import io.hookguard.domain.queue.ParentIssue;
import io.hookguard.domain.queue.PhaseEntry;
import io.hookguard.domain.queue.PhaseQueueStore;
import io.hookguard.domain.queue.QueueId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The in-memory phase queue, which a test can make fail with an unexpected exception. */
final class FaultyPhaseQueueStore implements PhaseQueueStore {

    private final InMemoryPhaseQueueStore delegate = new InMemoryPhaseQueueStore();
    private final List<PhaseEntry> inserted = new ArrayList<>();
    private volatile RuntimeException failure;

    void breakDown() {
        breakDownWith(new IllegalStateException("SELECT * FROM phase_queue failed: connection reset (secret=hunter2)"));
    }

    /** From now on every call throws {@code failure}. */
    void breakDownWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** Every entry, as now stored, of every issue that was planned. */
    synchronized List<PhaseEntry> everything() {
        return inserted.stream().map(entry -> delegate.findByQueueId(entry.queueId()).orElseThrow()).toList();
    }

    @Override
    public synchronized void insertAll(List<PhaseEntry> entries) {
        failIfBroken();
        delegate.insertAll(entries);
        inserted.addAll(entries);
    }

    @Override
    public Optional<PhaseEntry> findByQueueId(QueueId queueId) {
        failIfBroken();
        return delegate.findByQueueId(queueId);
    }

    @Override
    public List<PhaseEntry> findByIssue(ParentIssue issue) {
        failIfBroken();
        return delegate.findByIssue(issue);
    }

    @Override
    public List<PhaseEntry> lockByIssue(ParentIssue issue) {
        failIfBroken();
        return delegate.lockByIssue(issue);
    }

    @Override
    public void updateAll(List<PhaseEntry> entries) {
        failIfBroken();
        delegate.updateAll(entries);
    }

    private void failIfBroken() {
        RuntimeException current = failure;
        if (current != null) {
            throw current;
        }
    }
}
