package io.hookguard.domain.queue;

import io.hookguard.domain.idempotency.InvalidInputException;
import io.hookguard.domain.idempotency.Text;
import java.time.Instant;
import java.util.Objects;

/** One phase of an issue's work. */
public record PhaseEntry(
        QueueId queueId,
        ParentIssue parentIssue,
        int phaseNumber,
        PhaseTitle title,
        PhaseStatus status,
        AdwId adwId,
        String errorMessage,
        Instant createdAt,
        Instant updatedAt) {

    public static final int MAX_ERROR_MESSAGE_LENGTH = 4000;

    public PhaseEntry {
        Objects.requireNonNull(queueId, "'queue_id' is required");
        Objects.requireNonNull(parentIssue, "'parent_issue' is required");
        Objects.requireNonNull(title, "'title' is required");
        Objects.requireNonNull(status, "'status' is required");
        Objects.requireNonNull(createdAt, "'createdAt' is required");
        Objects.requireNonNull(updatedAt, "'updatedAt' is required");
        if (phaseNumber < 1) {
            throw new InvalidInputException("phase_number", "must be at least 1");
        }
        if (errorMessage != null && errorMessage.length() > MAX_ERROR_MESSAGE_LENGTH) {
            throw new InvalidInputException("error_message", "must be at most 4000 characters");
        }
    }

    PhaseEntry transitionTo(PhaseStatus newStatus, Instant now) {
        return new PhaseEntry(queueId, parentIssue, phaseNumber, title, newStatus, adwId, errorMessage, createdAt, now);
    }

    PhaseEntry reportedBy(AdwId reporter, PhaseStatus newStatus, String error, Instant now) {
        String message = error == null ? null : Text.truncate(error, MAX_ERROR_MESSAGE_LENGTH);
        return new PhaseEntry(queueId, parentIssue, phaseNumber, title, newStatus, reporter, message, createdAt, now);
    }
}
