package io.hookguard.domain.deliveries;

import java.util.ArrayList;
import java.util.List;

/** Where the outbound messages of one delivery stand: how many are delivered, pending and dead. */
public record ForwardingState(long delivered, long pending, long dead) {

    /** A delivery that made no outbound message. */
    public static final ForwardingState NONE = new ForwardingState(0, 0, 0);

    public ForwardingState {
        if (delivered < 0 || pending < 0 || dead < 0) {
            throw new IllegalArgumentException("'delivered', 'pending' and 'dead' must not be negative");
        }
    }

    public long total() {
        return delivered + pending + dead;
    }

    /** For the list: {@code "2 delivered, 1 pending, 1 dead"}, leaving out the zeros; empty for none. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        if (delivered > 0) {
            parts.add(delivered + " delivered");
        }
        if (pending > 0) {
            parts.add(pending + " pending");
        }
        if (dead > 0) {
            parts.add(dead + " dead");
        }
        return String.join(", ", parts);
    }

    public ForwardingState plus(ForwardingState other) {
        return new ForwardingState(delivered + other.delivered, pending + other.pending, dead + other.dead);
    }
}
