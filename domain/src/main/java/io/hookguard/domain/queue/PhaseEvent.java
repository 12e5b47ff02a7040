package io.hookguard.domain.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * Something a workflow report did to one phase, told to the destinations of {@code workflow_complete}.
 *
 * @param type      what happened
 * @param timestamp when the report that caused it was processed
 * @param phase     the phase it is about, after the change
 */
public record PhaseEvent(Type type, Instant timestamp, PhaseEntry phase) {

    /** The kinds of phase event, with their wire names. */
    public enum Type {
        COMPLETED("phase.completed"),
        READY("phase.ready"),
        FAILED("phase.failed"),
        BLOCKED("phase.blocked");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public PhaseEvent {
        Objects.requireNonNull(type, "'type' is required");
        Objects.requireNonNull(timestamp, "'timestamp' is required");
        Objects.requireNonNull(phase, "'phase' is required");
    }

    /** Events of one issue reach each destination in the order they were written: the key is the issue number. */
    public String orderingKey() {
        return phase.parentIssue().toString();
    }
}
