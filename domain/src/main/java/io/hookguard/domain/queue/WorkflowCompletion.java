package io.hookguard.domain.queue;

import java.util.Objects;

/** The answer to a processed workflow-complete delivery; the edge decides how it is written. */
public record WorkflowCompletion(boolean success, String message, boolean phaseUpdated, boolean nextPhaseTriggered) {

    public WorkflowCompletion {
        Objects.requireNonNull(message, "'message' is required");
    }
}
