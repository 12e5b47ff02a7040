package io.hookguard.domain.queue;

import java.util.List;
import java.util.Objects;

/** Lists an issue's phases in order. */
public final class ListIssuePhases {

    private final PhaseQueueStore queue;

    public ListIssuePhases(PhaseQueueStore queue) {
        this.queue = Objects.requireNonNull(queue, "queue");
    }

    public List<PhaseEntry> list(ParentIssue issue) {
        return queue.findByIssue(issue);
    }
}
