package io.hookguard.http.console;

import io.hookguard.domain.outbox.MessageId;
import io.hookguard.domain.outbox.OutboxRedelivery;
import io.hookguard.domain.outbox.OutboxSignal;
import java.time.Clock;
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

    /**
     * The outbox's redelivery: the message is made pending and due now, then the dispatcher is woken so the new
     * attempt does not wait for its next poll.
     */
    static Redelivery through(OutboxRedelivery outbox, OutboxSignal dispatcher, Clock clock) {
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(clock, "clock");
        return message -> {
            if (!outbox.redeliver(message, clock.instant())) {
                return Outcome.UNKNOWN_MESSAGE;
            }
            dispatcher.messagesCommitted();
            return Outcome.SCHEDULED;
        };
    }
}
