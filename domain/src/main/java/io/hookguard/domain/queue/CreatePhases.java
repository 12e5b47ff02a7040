package io.hookguard.domain.queue;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Plans an issue's work: phase 1 ready, the rest queued. */
public final class CreatePhases {

    private final PhaseQueueStore queue;
    private final Clock clock;

    public CreatePhases(PhaseQueueStore queue, Clock clock) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Creates the phases; throws {@link QueueConflictException} when the issue has phases or a queue id is taken. */
    public List<PhaseEntry> create(CreatePhasesCommand command) {
        List<PlannedPhase> planned = command.phases().stream()
                .map(phase -> new PlannedPhase(phase.title(), phase.queueId().orElseGet(CreatePhases::generatedId)))
                .toList();
        List<PhaseEntry> entries = IssuePhases.plan(command.parentIssue(), planned, clock.instant());
        queue.insertAll(entries);
        return entries;
    }

    private static QueueId generatedId() {
        return new QueueId("q-" + UUID.randomUUID());
    }
}
