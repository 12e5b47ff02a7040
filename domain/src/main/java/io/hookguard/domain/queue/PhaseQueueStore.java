package io.hookguard.domain.queue;

import java.util.List;
import java.util.Optional;

/** The phase queue's persistence. Every implementation passes {@code PhaseQueueStoreContract}. */
public interface PhaseQueueStore {

    /**
     * Inserts the phases of a new plan. Throws {@link QueueConflictException}, inserting none, when a queue id
     * is taken or the issue already has phases.
     */
    void insertAll(List<PhaseEntry> entries);

    Optional<PhaseEntry> findByQueueId(QueueId queueId);

    /** The issue's phases in phase order. */
    List<PhaseEntry> findByIssue(ParentIssue issue);

    /** The issue's phases in phase order, locked against concurrent reports until the unit of work ends. */
    List<PhaseEntry> lockByIssue(ParentIssue issue);

    /** Saves the status, reporter, error and update time of entries that exist. */
    void updateAll(List<PhaseEntry> entries);
}
