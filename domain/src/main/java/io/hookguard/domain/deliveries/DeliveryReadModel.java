package io.hookguard.domain.deliveries;

import java.time.Instant;
import java.util.List;

/**
 * The read side of the idempotency store the console browses. Every implementation passes
 * {@code DeliveryReadModelContract}.
 */
public interface DeliveryReadModel {

    /**
     * The deliveries matching the query, newest first by (received at, sequence), at most {@code limit}; the
     * page's cursor is set when more rows match beyond it.
     */
    DeliveryPage page(DeliveryQuery query);

    /**
     * The number of deliveries per minute and outcome received in {@code [from, to)}; minutes and outcomes with
     * none are left out. The order is by minute, then outcome.
     */
    List<MinuteCount> perMinute(Instant from, Instant to);

    /** For a store that cannot be browsed: both queries throw {@link UnsupportedOperationException} with {@code why}. */
    static DeliveryReadModel unsupported(String why) {
        return new DeliveryReadModel() {
            @Override
            public DeliveryPage page(DeliveryQuery query) {
                throw new UnsupportedOperationException(why);
            }

            @Override
            public List<MinuteCount> perMinute(Instant from, Instant to) {
                throw new UnsupportedOperationException(why);
            }
        };
    }
}
