package io.hookguard.persistence;

import static io.hookguard.persistence.jooq.Tables.OUTBOX_MESSAGES;

import io.hookguard.domain.outbox.MessageStatus;
import io.hookguard.domain.outbox.OutboundMessage;
import io.hookguard.domain.outbox.Outbox;
import java.util.List;
import java.util.Objects;

/**
 * The outbox on jOOQ: the messages are inserted in one statement on the connection of the current unit of work,
 * so they commit with the claim, the effect and the completion, or roll back with them. Outside a unit of work
 * they are inserted in a transaction of their own.
 */
public final class JooqOutbox implements Outbox {

    private final Database db;

    public JooqOutbox(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void append(List<OutboundMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        if (messages.isEmpty()) {
            return;
        }
        var m = OUTBOX_MESSAGES;
        db.inCurrentTransaction(() -> db.call(dsl -> {
            var insert = dsl.insertInto(m, m.ID, m.DESTINATION, m.ORDERING_KEY, m.SOURCE, m.DELIVERY_KEY,
                    m.EVENT_TYPE, m.CONTENT_TYPE, m.BODY, m.STATUS, m.NEXT_ATTEMPT_AT, m.CREATED_AT);
            for (OutboundMessage message : messages) {
                insert = insert.values(message.id().value(), message.destination().value(), message.orderingKey(),
                        message.source(), message.deliveryKey(), message.eventType(), message.contentType(),
                        message.body(), MessageStatus.PENDING.name(), message.createdAt(), message.createdAt());
            }
            return insert.execute();
        }));
    }
}
