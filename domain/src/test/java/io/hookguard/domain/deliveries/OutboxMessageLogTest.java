package io.hookguard.domain.deliveries;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.outbox.Attempt;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.InMemoryOutboxStore;
import io.hookguard.domain.outbox.LeasedMessage;
import io.hookguard.domain.outbox.MessageId;
import io.hookguard.domain.outbox.MessageOrigin;
import io.hookguard.domain.outbox.OutboundMessage;
import io.hookguard.domain.outbox.Settlement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxMessageLogTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final DestinationName BILLING = new DestinationName("billing");
    private static final DestinationName EVENTS = new DestinationName("events");

    private final InMemoryOutboxStore outbox = new InMemoryOutboxStore();
    private final OutboxMessageLog log = new OutboxMessageLog(outbox);

    private OutboundMessage appended(String key, DestinationName destination) {
        OutboundMessage message = new OutboundMessage(MessageId.random(), destination, null, "github", key, "push",
                "application/json", "{}".getBytes(StandardCharsets.UTF_8), NOW);
        outbox.append(List.of(message));
        return message;
    }

    private void settle(DestinationName destination, Attempt attempt, Settlement settlement) {
        LeasedMessage leased = outbox.lease(destination, NOW, NOW.plusSeconds(60), 1).get(0);
        assertThat(outbox.settle(leased, attempt, settlement)).isTrue();
    }

    @Test
    void httpAndNatsMessagesOfADeliveryAreShownWithNumberedAttempts() {
        OutboundMessage http = appended("d-1", BILLING);
        OutboundMessage nats = appended("d-1", EVENTS);
        settle(BILLING, new Attempt(NOW, 503, Duration.ofMillis(12), Attempt.Outcome.FAILED, "unavailable"),
                new Settlement.Retry(NOW));
        settle(BILLING, new Attempt(NOW, 200, Duration.ofMillis(8), Attempt.Outcome.DELIVERED, ""),
                new Settlement.Delivered(NOW));
        settle(EVENTS, new Attempt(NOW, null, Duration.ofMillis(3), Attempt.Outcome.REFUSED, "no stream"),
                new Settlement.Dead(NOW));

        List<OutboundMessageView> views = log.forDelivery(WebhookType.GITHUB, new WebhookId("d-1"));

        assertThat(views).extracting(OutboundMessageView::id).containsExactly(http.id(), nats.id());
        assertThat(views.get(0).state()).isEqualTo("delivered");
        assertThat(views.get(0).attempts()).extracting(OutboundMessageView.Attempt::number).containsExactly(1, 2);
        assertThat(views.get(0).attempts()).extracting(OutboundMessageView.Attempt::result)
                .containsExactly("failed", "delivered");
        assertThat(views.get(0).attempts().get(0).detail()).hasValue("HTTP 503 in 12 ms: unavailable");
        assertThat(views.get(1).destination()).isEqualTo(EVENTS);
        assertThat(views.get(1).state()).isEqualTo("dead");
        assertThat(views.get(1).attempts().get(0).detail()).hasValue("in 3 ms: no stream");
        assertThat(log.forDelivery(WebhookType.GITHUB, new WebhookId("d-2"))).isEmpty();
    }

    @Test
    void pendingMessageSaysWhenItIsDueNext() {
        appended("d-1", BILLING);

        assertThat(log.forDelivery(WebhookType.GITHUB, new WebhookId("d-1")).get(0).state())
                .isEqualTo("pending, next attempt " + NOW);
    }

    @Test
    void statesOfAPageAddUpEachDeliverysMessagesByState() {
        appended("d-1", BILLING);
        appended("d-1", EVENTS);
        appended("d-2", BILLING);
        settle(EVENTS, new Attempt(NOW, null, Duration.ofMillis(3), Attempt.Outcome.DELIVERED, ""),
                new Settlement.Delivered(NOW));
        MessageOrigin first = new MessageOrigin("github", "d-1");
        MessageOrigin second = new MessageOrigin("github", "d-2");

        var states = log.states(List.of(first, second, new MessageOrigin("github", "d-3")));

        assertThat(states).containsOnlyKeys(first, second);
        assertThat(states.get(first)).isEqualTo(new ForwardingState(1, 1, 0));
        assertThat(states.get(first).summary()).isEqualTo("1 delivered, 1 pending");
        assertThat(states.get(second).summary()).isEqualTo("1 pending");
        assertThat(ForwardingState.NONE.summary()).isEmpty();
    }
}
