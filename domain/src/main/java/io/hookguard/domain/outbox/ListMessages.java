package io.hookguard.domain.outbox;

import io.hookguard.domain.idempotency.ListLimit;
import java.util.List;
import java.util.Objects;

/** Lists outbound messages for operators, newest first, optionally of one destination and one state. */
public final class ListMessages {

    private final OutboxInspection inspection;

    public ListMessages(OutboxInspection inspection) {
        this.inspection = Objects.requireNonNull(inspection, "inspection");
    }

    /**
     * At most {@code limit} (1..{@value ListLimit#MAX}) messages, newest first, without their attempts.
     *
     * @param destination only this destination's, or null for all
     * @param status      only in this state, or null for all
     */
    public List<MessageView> newestFirst(DestinationName destination, MessageStatus status, int limit) {
        return inspection.list(new MessageQuery(destination, status, ListLimit.checked(limit)));
    }
}
