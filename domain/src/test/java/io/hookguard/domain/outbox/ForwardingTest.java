package io.hookguard.domain.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.DeliveryKey;
import io.hookguard.domain.idempotency.Fingerprint;
import io.hookguard.domain.idempotency.Payload;
import io.hookguard.domain.idempotency.ReceivedRequest;
import io.hookguard.domain.idempotency.RequestHeader;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardingTest {

    private static final WebhookType SOURCE = new WebhookType("workflow_complete");
    private static final DestinationName BACKEND = new DestinationName("backend");
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final Forwarding forwarding = new Forwarding(Map.of(SOURCE, List.of(BACKEND)));

    private static Delivery withRequest() {
        byte[] body = "{\"adw_id\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        return Delivery.of(SOURCE, new DeliveryKey(new WebhookId("k-1"), Fingerprint.of(body)))
                .withRequest(ReceivedRequest.of(new Payload("application/json", body),
                        List.of(new RequestHeader("Content-Type", "application/json")), null));
    }

    @Test
    void handlerThatReportsNoEventsForwardsNothingEvenWithARequest() {
        assertThat(forwarding.messagesFor(withRequest(), Forward.events(List.of()), NOW)).isEmpty();
    }

    @Test
    void handlerThatForwardsTheRequestSendsItAsReceived() {
        List<OutboundMessage> messages = forwarding.messagesFor(withRequest(), Forward.request(), NOW);

        assertThat(messages).singleElement().satisfies(message -> {
            assertThat(message.destination()).isEqualTo(BACKEND);
            assertThat(new String(message.body(), StandardCharsets.UTF_8)).isEqualTo("{\"adw_id\":\"a\"}");
            assertThat(message.contentType()).isEqualTo("application/json");
            assertThat(message.orderingKey()).isNull();
        });
    }

    @Test
    void eventsAreWrittenInOrderOncePerDestination() {
        Forwarding two = new Forwarding(Map.of(SOURCE, List.of(BACKEND, new DestinationName("workers"))));
        OutboundEvent completed = new OutboundEvent("phase.completed", "42", new Payload("application/json", new byte[0]));
        OutboundEvent ready = new OutboundEvent("phase.ready", "42", new Payload("application/json", new byte[0]));

        List<OutboundMessage> messages = two.messagesFor(withRequest(), Forward.events(List.of(completed, ready)), NOW);

        assertThat(messages).extracting(OutboundMessage::eventType, message -> message.destination().value())
                .containsExactly(tuple("phase.completed", "backend"),
                        tuple("phase.completed", "workers"),
                        tuple("phase.ready", "backend"),
                        tuple("phase.ready", "workers"));
        assertThat(messages).extracting(OutboundMessage::orderingKey).containsOnly("42");
    }
}
