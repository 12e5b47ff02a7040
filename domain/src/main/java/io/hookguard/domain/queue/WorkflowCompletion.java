package io.hookguard.domain.queue;

import io.hookguard.domain.idempotency.Text;

/** The answer to a processed workflow-complete delivery. */
public record WorkflowCompletion(boolean success, String message, boolean phaseUpdated, boolean nextPhaseTriggered) {

    /** The compact JSON the idempotency store keeps with the completed delivery. */
    public String toStoredResponse() {
        return "{\"success\":" + success + ",\"message\":" + Text.jsonString(message)
                + ",\"phase_updated\":" + phaseUpdated + ",\"next_phase_triggered\":" + nextPhaseTriggered + "}";
    }
}
