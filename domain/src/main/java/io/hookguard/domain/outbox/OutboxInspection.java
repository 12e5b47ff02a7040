package io.hookguard.domain.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What operators and metrics read from the outbox. */
public interface OutboxInspection {

    /** Messages matching {@code query}, newest first, without their attempts. */
    List<MessageView> list(MessageQuery query);

    /** One message with its attempts, oldest first. */
    Optional<MessageView> find(MessageId id);

    /** The number of messages by destination and state; combinations without messages are left out. */
    List<OutboxCount> counts();

    /** When the oldest pending message of each destination that has one was written. */
    Map<DestinationName, Instant> oldestPending();
}
