package io.hookguard.domain.outbox;

import java.util.Objects;

/** The outbox ports of one store, as the contract test exercises them together. */
public record OutboxStores(Outbox outbox, OutboxQueue queue, OutboxInspection inspection,
        OutboxRedelivery redelivery, OutboxRetention retention) {

    public OutboxStores {
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(inspection, "inspection");
        Objects.requireNonNull(redelivery, "redelivery");
        Objects.requireNonNull(retention, "retention");
    }

    /** The ports of a store that implements them all. */
    public static <T extends Outbox & OutboxQueue & OutboxInspection & OutboxRedelivery & OutboxRetention>
            OutboxStores of(T store) {
        return new OutboxStores(store, store, store, store, store);
    }
}
