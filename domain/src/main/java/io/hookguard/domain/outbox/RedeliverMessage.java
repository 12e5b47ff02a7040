package io.hookguard.domain.outbox;

import java.time.Clock;
import java.util.Objects;

/**
 * An operator's redelivery of one message: pending again, due now, at the start of its retry schedule — also
 * when it was delivered. The dispatcher is woken so that the new attempt follows at once.
 */
public final class RedeliverMessage {

    private final OutboxRedelivery redelivery;
    private final OutboxSignal signal;
    private final Clock clock;

    public RedeliverMessage(OutboxRedelivery redelivery, OutboxSignal signal, Clock clock) {
        this.redelivery = Objects.requireNonNull(redelivery, "redelivery");
        this.signal = Objects.requireNonNull(signal, "signal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** True when the message exists and is due again; false for an unknown id. */
    public boolean redeliver(MessageId id) {
        boolean found = redelivery.redeliver(Objects.requireNonNull(id, "'id' is required"), clock.instant());
        if (found) {
            signal.messagesCommitted();
        }
        return found;
    }
}
