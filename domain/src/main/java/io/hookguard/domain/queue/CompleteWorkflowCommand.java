package io.hookguard.domain.queue;

import io.hookguard.domain.idempotency.InvalidInputException;
import io.hookguard.domain.idempotency.Text;
import java.util.Objects;

/** A workflow run's report that its phase completed or failed. */
public record CompleteWorkflowCommand(
        AdwId adwId, WorkflowStatus status, QueueId queueId, ParentIssue parentIssue, String errorMessage) {

    public CompleteWorkflowCommand {
        Objects.requireNonNull(adwId, "'adw_id' is required");
        Objects.requireNonNull(status, "'status' is required");
        Objects.requireNonNull(queueId, "'queue_id' is required");
        Objects.requireNonNull(parentIssue, "'parent_issue' is required");
        if (errorMessage != null && (errorMessage.length() > PhaseEntry.MAX_ERROR_MESSAGE_LENGTH
                || Text.hasNulCharacter(errorMessage))) {
            throw new InvalidInputException("error_message", "must be at most 4000 characters, without NUL characters");
        }
    }
}
