package io.hookguard.domain.outbox;

import java.util.List;
import java.util.Objects;

/**
 * What a processed delivery hands on to its source's destinations: the request as it was received, or the events
 * its effect caused (possibly none: a report that changed nothing forwards nothing).
 */
public sealed interface Forward {

    /** Forward the request as received. */
    static Forward request() {
        return TheRequest.INSTANCE;
    }

    /** Forward these events instead of the request; none forwards nothing. */
    static Forward events(List<OutboundEvent> events) {
        return new Events(events);
    }

    /** The request as received. */
    enum TheRequest implements Forward {
        INSTANCE
    }

    /** The events an effect caused, in the order they are to be written. */
    record Events(List<OutboundEvent> events) implements Forward {
        public Events {
            events = List.copyOf(Objects.requireNonNull(events, "'events' is required"));
        }
    }
}
