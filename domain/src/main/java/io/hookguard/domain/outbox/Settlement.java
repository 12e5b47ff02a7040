package io.hookguard.domain.outbox;

import java.time.Instant;
import java.util.Objects;

/** What an attempt leaves a message as: delivered, due again at a later time, or dead. */
public sealed interface Settlement {

    /** The destination has it. */
    record Delivered(Instant at) implements Settlement {
        public Delivered {
            Objects.requireNonNull(at, "'at' is required");
        }
    }

    /** Still pending; the next attempt is due {@code at}. */
    record Retry(Instant at) implements Settlement {
        public Retry {
            Objects.requireNonNull(at, "'at' is required");
        }
    }

    /** Given up on {@code at}: refused, or the schedule ran out. */
    record Dead(Instant at) implements Settlement {
        public Dead {
            Objects.requireNonNull(at, "'at' is required");
        }
    }
}
