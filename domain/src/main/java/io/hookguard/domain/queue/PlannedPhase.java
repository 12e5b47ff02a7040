package io.hookguard.domain.queue;

import java.util.Objects;

/** A phase to create: its title and the queue id it will carry. */
public record PlannedPhase(PhaseTitle title, QueueId queueId) {

    public PlannedPhase {
        Objects.requireNonNull(title, "'title' is required");
        Objects.requireNonNull(queueId, "'queue_id' is required");
    }
}
