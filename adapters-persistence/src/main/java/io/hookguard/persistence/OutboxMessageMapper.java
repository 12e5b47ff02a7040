package io.hookguard.persistence;

import io.hookguard.domain.outbox.Attempt;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.LeasedMessage;
import io.hookguard.domain.outbox.MessageId;
import io.hookguard.domain.outbox.MessageStatus;
import io.hookguard.domain.outbox.MessageView;
import io.hookguard.domain.outbox.OutboundMessage;
import io.hookguard.persistence.jooq.tables.records.OutboxAttemptsRecord;
import io.hookguard.persistence.jooq.tables.records.OutboxMessagesRecord;
import java.time.Duration;
import java.util.List;

/** Turns outbox rows into the domain's records and back; jOOQ records stay in this adapter. */
final class OutboxMessageMapper {

    private OutboxMessageMapper() {
    }

    static OutboundMessage message(OutboxMessagesRecord row) {
        return new OutboundMessage(new MessageId(row.getId()), new DestinationName(row.getDestination()),
                row.getOrderingKey(), row.getSource(), row.getDeliveryKey(), row.getEventType(),
                row.getContentType(), row.getBody(), row.getCreatedAt());
    }

    static LeasedMessage leased(OutboxMessagesRecord row) {
        return new LeasedMessage(message(row), row.getAttempts(), row.getFailures(), row.getLockedUntil());
    }

    static MessageView view(OutboxMessagesRecord row, List<Attempt> attempts) {
        MessageStatus status = MessageStatus.valueOf(row.getStatus());
        return new MessageView(message(row), status, row.getAttempts(),
                status == MessageStatus.PENDING ? row.getNextAttemptAt() : null, row.getDeliveredAt(),
                row.getLastError(), attempts);
    }

    static Attempt attempt(OutboxAttemptsRecord row) {
        return new Attempt(row.getAttemptedAt(), row.getStatusCode(), Duration.ofMillis(row.getDurationMs()),
                Attempt.Outcome.valueOf(row.getOutcome()), row.getDetail());
    }
}
