package io.hookguard.domain.queue;

import io.hookguard.domain.idempotency.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A request to plan an issue's work as ordered phases; a phase without a queue id gets a generated one. */
public record CreatePhasesCommand(ParentIssue parentIssue, List<NewPhase> phases) {

    public static final int MAX_PHASES = 100;

    /** One phase to create. */
    public record NewPhase(PhaseTitle title, Optional<QueueId> queueId) {
        public NewPhase {
            Objects.requireNonNull(title, "'title' is required");
            Objects.requireNonNull(queueId, "'queue_id' is required");
        }
    }

    public CreatePhasesCommand {
        Objects.requireNonNull(parentIssue, "'parent_issue' is required");
        Objects.requireNonNull(phases, "'phases' is required");
        if (phases.isEmpty() || phases.size() > MAX_PHASES) {
            throw new InvalidInputException("phases", "must hold 1.." + MAX_PHASES + " phases");
        }
        phases = List.copyOf(phases);
        long distinct = phases.stream().flatMap(phase -> phase.queueId().stream()).distinct().count();
        long given = phases.stream().filter(phase -> phase.queueId().isPresent()).count();
        if (distinct != given) {
            throw new InvalidInputException("phases", "must not repeat a queue_id");
        }
    }
}
