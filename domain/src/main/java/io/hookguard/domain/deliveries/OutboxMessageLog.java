package io.hookguard.domain.deliveries;

import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.outbox.Attempt;
import io.hookguard.domain.outbox.MessageOrigin;
import io.hookguard.domain.outbox.MessageStatus;
import io.hookguard.domain.outbox.MessageView;
import io.hookguard.domain.outbox.OriginCount;
import io.hookguard.domain.outbox.OutboxInspection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The console's view of the outbox: a delivery's messages with their attempts as operators read them, whatever
 * kind of destination (HTTP or NATS) they went to, and the forwarding states of a page of deliveries.
 */
public final class OutboxMessageLog implements OutboundMessageLog {

    private final OutboxInspection outbox;

    public OutboxMessageLog(OutboxInspection outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    @Override
    public List<OutboundMessageView> forDelivery(WebhookType source, WebhookId key) {
        return outbox.forOrigin(new MessageOrigin(source.value(), key.value())).stream()
                .map(OutboxMessageLog::view)
                .toList();
    }

    @Override
    public Map<MessageOrigin, ForwardingState> states(Collection<MessageOrigin> deliveries) {
        Map<MessageOrigin, ForwardingState> states = new HashMap<>();
        for (OriginCount count : outbox.countsByOrigin(deliveries)) {
            states.merge(count.origin(), stateOf(count), ForwardingState::plus);
        }
        return states;
    }

    private static ForwardingState stateOf(OriginCount count) {
        return switch (count.status()) {
            case DELIVERED -> new ForwardingState(count.count(), 0, 0);
            case PENDING -> new ForwardingState(0, count.count(), 0);
            case DEAD -> new ForwardingState(0, 0, count.count());
        };
    }

    static OutboundMessageView view(MessageView message) {
        List<OutboundMessageView.Attempt> attempts = new ArrayList<>();
        for (Attempt attempt : message.attempts()) {
            attempts.add(new OutboundMessageView.Attempt(attempts.size() + 1, attempt.at(),
                    attempt.outcome().name().toLowerCase(Locale.ROOT), Optional.of(detailOf(attempt))));
        }
        return new OutboundMessageView(message.id(), message.message().destination(), stateOf(message), attempts);
    }

    /** {@code "HTTP 503 in 12 ms: unavailable"}; destinations that answer with no status (NATS) leave it out. */
    private static String detailOf(Attempt attempt) {
        String status = attempt.statusCode() == null ? "" : "HTTP " + attempt.statusCode() + " ";
        String text = attempt.detail().isEmpty() ? "" : ": " + attempt.detail();
        return status + "in " + attempt.duration().toMillis() + " ms" + text;
    }

    /** {@code "pending, next attempt 2026-…"}, {@code "delivered"}, {@code "dead"}. */
    private static String stateOf(MessageView message) {
        String state = message.status().name().toLowerCase(Locale.ROOT);
        if (message.status() == MessageStatus.PENDING && message.nextAttemptAt() != null) {
            return state + ", next attempt " + message.nextAttemptAt();
        }
        return state;
    }
}
