package io.hookguard.domain.queue;

import io.hookguard.domain.idempotency.InvalidInputException;
/** The outcome a workflow run reports for its phase. */
public enum WorkflowStatus {
    COMPLETED("completed"),
    FAILED("failed");

    private final String wireName;

    WorkflowStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static WorkflowStatus fromWireName(String wireName) {
        for (WorkflowStatus status : values()) {
            if (status.wireName.equals(wireName)) {
                return status;
            }
        }
        throw new InvalidInputException("status", "must be 'completed' or 'failed'");
    }
}
