package io.hookguard.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.outbox.Attempt;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.InMemoryOutboxStore;
import io.hookguard.domain.outbox.MessageId;
import io.hookguard.domain.outbox.MessageStatus;
import io.hookguard.domain.outbox.OutboundMessage;
import io.hookguard.domain.outbox.RedeliverMessage;
import io.hookguard.domain.outbox.Settlement;
import io.hookguard.domain.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RedeliveryTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final DestinationName BILLING = new DestinationName("billing");

    private final InMemoryOutboxStore outbox = new InMemoryOutboxStore();
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final MutableClock clock = new MutableClock(NOW.plusSeconds(600));
    private final Redelivery redelivery = Redelivery.through(
            new RedeliverMessage(outbox, wakeUps::incrementAndGet, clock));

    @Test
    void deadMessageIsPendingAndDueNowAndTheDispatcherIsWoken() {
        OutboundMessage message = new OutboundMessage(MessageId.random(), BILLING, null, "github", "d-1", "push",
                "application/json", "{}".getBytes(StandardCharsets.UTF_8), NOW);
        outbox.append(List.of(message));
        outbox.settle(outbox.lease(BILLING, NOW, NOW.plusSeconds(60), 1).get(0),
                new Attempt(NOW, 410, Duration.ofMillis(5), Attempt.Outcome.REFUSED, "gone"),
                new Settlement.Dead(NOW));

        assertThat(redelivery.redeliver(message.id())).isEqualTo(Redelivery.Outcome.SCHEDULED);

        assertThat(outbox.find(message.id()).orElseThrow().status()).isEqualTo(MessageStatus.PENDING);
        assertThat(outbox.find(message.id()).orElseThrow().nextAttemptAt()).isEqualTo(clock.instant());
        assertThat(wakeUps).hasValue(1);
    }

    @Test
    void unknownMessageIsReportedAndWakesNobody() {
        assertThat(redelivery.redeliver(MessageId.random())).isEqualTo(Redelivery.Outcome.UNKNOWN_MESSAGE);
        assertThat(wakeUps).hasValue(0);
    }
}
