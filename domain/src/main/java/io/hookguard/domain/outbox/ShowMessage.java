package io.hookguard.domain.outbox;

import java.util.Objects;
import java.util.Optional;

/** One outbound message with every attempt made to deliver it, oldest attempt first. */
public final class ShowMessage {

    private final OutboxInspection inspection;

    public ShowMessage(OutboxInspection inspection) {
        this.inspection = Objects.requireNonNull(inspection, "inspection");
    }

    /** The message and its attempts; empty when there is no message with that id. */
    public Optional<MessageView> byId(MessageId id) {
        return inspection.find(Objects.requireNonNull(id, "'id' is required"));
    }
}
