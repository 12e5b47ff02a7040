package io.hookguard.domain.queue;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A thread-safe in-memory {@link PhaseQueueStore} for fast tests. */
public final class InMemoryPhaseQueueStore implements PhaseQueueStore {

    private final Map<QueueId, PhaseEntry> entries = new LinkedHashMap<>();

    @Override
    public synchronized void insertAll(List<PhaseEntry> newEntries) {
        for (PhaseEntry entry : newEntries) {
            if (entries.containsKey(entry.queueId())) {
                throw new QueueConflictException("queue_id '" + entry.queueId() + "' is already taken");
            }
            boolean issueTaken = entries.values().stream().anyMatch(existing ->
                    existing.parentIssue().equals(entry.parentIssue()) && existing.phaseNumber() == entry.phaseNumber());
            if (issueTaken) {
                throw new QueueConflictException("issue " + entry.parentIssue() + " already has phases");
            }
        }
        newEntries.forEach(entry -> entries.put(entry.queueId(), entry));
    }

    @Override
    public synchronized Optional<PhaseEntry> findByQueueId(QueueId queueId) {
        return Optional.ofNullable(entries.get(queueId));
    }

    @Override
    public synchronized List<PhaseEntry> findByIssue(ParentIssue issue) {
        return entries.values().stream()
                .filter(entry -> entry.parentIssue().equals(issue))
                .sorted(Comparator.comparingInt(PhaseEntry::phaseNumber))
                .toList();
    }

    @Override
    public List<PhaseEntry> lockByIssue(ParentIssue issue) {
        return findByIssue(issue);
    }

    @Override
    public synchronized void updateAll(List<PhaseEntry> changed) {
        changed.stream().filter(entry -> entries.containsKey(entry.queueId()))
                .forEach(entry -> entries.put(entry.queueId(), entry));
    }
}
