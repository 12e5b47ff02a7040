package io.hookguard.persistence;

import static io.hookguard.persistence.jooq.Tables.OUTBOX_MESSAGES;

import io.hookguard.domain.outbox.MessageStatus;
import io.hookguard.domain.outbox.OutboundMessage;
import io.hookguard.domain.outbox.Outbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.impl.SQLDataType;

/**
 * The outbox on jOOQ: the messages are inserted on the connection of the current unit of work, with its commit
 * ({@link Database#writeAtCommit}), so they commit with the claim, the effect and the completion, or roll back with
 * them. Outside a unit of work they are inserted in a transaction of their own.
 */
public final class JooqOutbox implements Outbox {

    private final Database db;
    private final RenderedStatement insertStatement;

    public JooqOutbox(Database db) {
        this.db = Objects.requireNonNull(db, "db");
        this.insertStatement = RenderedStatement.render(db.dsl(), () -> insertQuery(db.dsl()));
    }

    @Override
    public void append(List<OutboundMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        if (messages.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>(messages.size());
        for (OutboundMessage message : messages) {
            Map<String, Object> values = new HashMap<>();
            values.put("id", message.id().value());
            values.put("destination", message.destination().value());
            values.put("ordering_key", message.orderingKey());
            values.put("source", message.source());
            values.put("delivery_key", message.deliveryKey());
            values.put("event_type", message.eventType());
            values.put("content_type", message.contentType());
            values.put("body", message.body());
            values.put("created_at", message.createdAt());
            rows.add(values);
        }
        db.writeAtCommit(insertStatement, rows);
    }

    /** One message, pending and due at once; rendered once, sent once per message. */
    private static Query insertQuery(DSLContext dsl) {
        var m = OUTBOX_MESSAGES;
        Param<Instant> createdAt = RenderedStatement.param("created_at", Instant.class);
        return dsl.insertInto(m)
                .set(m.ID, RenderedStatement.param("id", String.class))
                .set(m.DESTINATION, RenderedStatement.param("destination", String.class))
                .set(m.ORDERING_KEY, RenderedStatement.param("ordering_key", String.class))
                .set(m.SOURCE, RenderedStatement.param("source", String.class))
                .set(m.DELIVERY_KEY, RenderedStatement.param("delivery_key", String.class))
                .set(m.EVENT_TYPE, RenderedStatement.param("event_type", String.class))
                .set(m.CONTENT_TYPE, RenderedStatement.param("content_type", String.class))
                .set(m.BODY, RenderedStatement.param("body", SQLDataType.VARBINARY))
                .set(m.STATUS, MessageStatus.PENDING.name())
                .set(m.NEXT_ATTEMPT_AT, createdAt)
                .set(m.CREATED_AT, createdAt);
    }
}
