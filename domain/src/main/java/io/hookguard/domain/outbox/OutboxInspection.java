package io.hookguard.domain.outbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What operators and metrics read from the outbox. */
public interface OutboxInspection {

    /** Messages matching {@code query}, newest first, without their attempts. */
    List<MessageView> list(MessageQuery query);

    /** One message with its attempts, oldest first. */
    Optional<MessageView> find(MessageId id);

    /** The messages that came from one delivery, oldest first, each with its attempts oldest first. */
    List<MessageView> forOrigin(MessageOrigin origin);

    /**
     * The number of messages by delivery and state for the given deliveries, in one look-up; deliveries and states
     * without messages are left out.
     */
    List<OriginCount> countsByOrigin(Collection<MessageOrigin> origins);

    /** The number of messages by destination and state; combinations without messages are left out. */
    List<OutboxCount> counts();

    /** When the oldest pending message of each destination that has one was written. */
    Map<DestinationName, Instant> oldestPending();
}
