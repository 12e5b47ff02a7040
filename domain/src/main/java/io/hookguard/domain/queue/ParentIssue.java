package io.hookguard.domain.queue;

import io.hookguard.domain.idempotency.InvalidInputException;
/** The issue a set of phases belongs to: a positive issue number. */
public record ParentIssue(int number) {

    public ParentIssue {
        if (number <= 0) {
            throw new InvalidInputException("parent_issue", "must be a positive integer");
        }
    }

    @Override
    public String toString() {
        return Integer.toString(number);
    }
}
