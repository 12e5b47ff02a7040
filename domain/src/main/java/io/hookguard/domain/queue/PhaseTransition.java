package io.hookguard.domain.queue;

import java.util.List;
import java.util.Objects;

/** The phases a workflow report changed, and what it meant for the sender's response. */
public record PhaseTransition(QueueId queueId, boolean phaseUpdated, boolean nextPhaseTriggered, List<PhaseEntry> changed) {

    public PhaseTransition {
        Objects.requireNonNull(queueId, "'queue_id' is required");
        changed = List.copyOf(changed);
    }

    static PhaseTransition unchanged(PhaseEntry phase) {
        return new PhaseTransition(phase.queueId(), false, false, List.of());
    }
}
