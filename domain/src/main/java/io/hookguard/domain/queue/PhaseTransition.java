package io.hookguard.domain.queue;

import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * The events the report caused, in the order of {@link #changed}: the reported phase first
     * ({@code phase.completed} or {@code phase.failed}), then the later phases ({@code phase.ready} for the one
     * triggered, {@code phase.blocked} for each one blocked). A phase merely queued again causes none; a report
     * that changed nothing causes none.
     */
    public List<PhaseEvent> events(Instant at) {
        List<PhaseEvent> events = new ArrayList<>();
        for (PhaseEntry phase : changed) {
            PhaseEvent.Type type = switch (phase.status()) {
                case COMPLETED -> PhaseEvent.Type.COMPLETED;
                case READY -> PhaseEvent.Type.READY;
                case FAILED -> PhaseEvent.Type.FAILED;
                case BLOCKED -> PhaseEvent.Type.BLOCKED;
                case QUEUED -> null;
            };
            if (type != null) {
                events.add(new PhaseEvent(type, at, phase));
            }
        }
        return List.copyOf(events);
    }
}
