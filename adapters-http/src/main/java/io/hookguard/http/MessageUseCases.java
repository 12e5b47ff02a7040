package io.hookguard.http;

import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.ListMessages;
import io.hookguard.domain.outbox.MessageId;
import io.hookguard.domain.outbox.MessageQuery;
import io.hookguard.domain.outbox.MessageView;
import io.hookguard.domain.outbox.OutboxCount;
import io.hookguard.domain.outbox.OutboxInspection;
import io.hookguard.domain.outbox.OutboxRedelivery;
import io.hookguard.domain.outbox.OutboxSignal;
import io.hookguard.domain.outbox.RedeliverDeadMessages;
import io.hookguard.domain.outbox.RedeliverMessage;
import io.hookguard.domain.outbox.ShowMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The outbox use cases behind the operator message routes. */
public record MessageUseCases(ListMessages list, ShowMessage show, RedeliverMessage redeliverOne,
        RedeliverDeadMessages redeliverDead) {

    public MessageUseCases {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(show, "show");
        Objects.requireNonNull(redeliverOne, "redeliverOne");
        Objects.requireNonNull(redeliverDead, "redeliverDead");
    }

    /** Use cases over an outbox that holds no message (a server without forwarding, tests of other routes). */
    public static MessageUseCases empty() {
        NoMessages none = new NoMessages();
        Clock clock = Clock.systemUTC();
        return new MessageUseCases(new ListMessages(none), new ShowMessage(none),
                new RedeliverMessage(none, OutboxSignal.NONE, clock),
                new RedeliverDeadMessages(none, OutboxSignal.NONE, clock));
    }

    /** An outbox with nothing in it. */
    private static final class NoMessages implements OutboxInspection, OutboxRedelivery {
        @Override
        public List<MessageView> list(MessageQuery query) {
            return List.of();
        }

        @Override
        public Optional<MessageView> find(MessageId id) {
            return Optional.empty();
        }

        @Override
        public List<OutboxCount> counts() {
            return List.of();
        }

        @Override
        public Map<DestinationName, Instant> oldestPending() {
            return Map.of();
        }

        @Override
        public boolean redeliver(MessageId id, Instant now) {
            return false;
        }

        @Override
        public int redeliverDead(DestinationName destination, Instant now) {
            return 0;
        }
    }
}
