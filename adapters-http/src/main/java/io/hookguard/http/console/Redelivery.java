package io.hookguard.http.console;

import io.hookguard.domain.outbox.MessageId;

/**
 * What the console's Redeliver button calls: schedule one outbound message again. The integrator binds it to
 * the outbox; until then {@link #unavailable()} answers that no message is known.
 */
public interface Redelivery {

    Outcome redeliver(MessageId message);

    /** How a redelivery request ended. */
    enum Outcome {
        /** The message is queued to be sent again. */
        SCHEDULED,
        /** No outbound message has this id. */
        UNKNOWN_MESSAGE
    }

    /** Before the outbox exists: every message is unknown. */
    static Redelivery unavailable() {
        return message -> Outcome.UNKNOWN_MESSAGE;
    }
}
