package io.hookguard.http.console;

import io.hookguard.domain.outbox.MessageId;
import io.hookguard.domain.outbox.RedeliverMessage;
import java.util.Objects;

/**
 * What the console's Redeliver button calls: schedule one outbound message again. {@link #through} binds it to the
 * outbox; without one, {@link #unavailable()} answers that no message is known.
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

    /** The outbox's redelivery: the message is pending and due now, and the dispatcher is woken. */
    static Redelivery through(RedeliverMessage redeliverMessage) {
        Objects.requireNonNull(redeliverMessage, "redeliverMessage");
        return message -> redeliverMessage.redeliver(message) ? Outcome.SCHEDULED : Outcome.UNKNOWN_MESSAGE;
    }
}
