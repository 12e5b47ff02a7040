package io.hookguard.domain.outbox;

import java.time.Clock;
import java.util.Objects;

/**
 * An operator's bulk redelivery: every dead message of one destination is pending again and due now (e.g. after
 * the destination came back). The dispatcher is woken when there was any.
 */
public final class RedeliverDeadMessages {

    private final OutboxRedelivery redelivery;
    private final OutboxSignal signal;
    private final Clock clock;

    public RedeliverDeadMessages(OutboxRedelivery redelivery, OutboxSignal signal, Clock clock) {
        this.redelivery = Objects.requireNonNull(redelivery, "redelivery");
        this.signal = Objects.requireNonNull(signal, "signal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Returns how many dead messages of {@code destination} are due again. */
    public int redeliver(DestinationName destination) {
        int count = redelivery.redeliverDead(Objects.requireNonNull(destination, "'destination' is required"),
                clock.instant());
        if (count > 0) {
            signal.messagesCommitted();
        }
        return count;
    }
}
