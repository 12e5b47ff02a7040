package io.hookguard.domain.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookguard.domain.idempotency.InvalidInputException;
import io.hookguard.domain.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The operators' use cases of the outbox: list, show, redeliver one, redeliver the dead of a destination. */
class OperatorMessagesTest {

    private static final DestinationName BACKEND = new DestinationName("backend");
    private static final DestinationName OTHER = new DestinationName("other");

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final InMemoryOutboxStore store = new InMemoryOutboxStore();
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final OutboxSignal signal = wakeUps::incrementAndGet;
    private final DispatchOutbox dispatch = new DispatchOutbox(store, clock, new java.util.SplittableRandom(1), DispatchObserver.NONE);

    private OutboundMessage message(DestinationName destination, String key) {
        return new OutboundMessage(MessageId.random(), destination, null, "github", key, "push",
                "application/json", "{}".getBytes(StandardCharsets.UTF_8), clock.instant());
    }

    private void attempt(DestinationName destination, AttemptResult result) {
        dispatch.dispatch(new DispatchCommand(new ScriptedDestination(destination.value()).otherwise(m -> result),
                RetrySchedule.of(List.of()), Duration.ofMinutes(1), 10));
    }

    @Test
    void listingIsNewestFirstAndFiltersByDestinationAndState() {
        OutboundMessage older = message(BACKEND, "a");
        store.append(List.of(older));
        clock.advance(Duration.ofSeconds(1));
        OutboundMessage newer = message(BACKEND, "b");
        store.append(List.of(newer, message(OTHER, "c")));

        ListMessages list = new ListMessages(store);

        assertThat(list.newestFirst(BACKEND, null, 10)).extracting(MessageView::id)
                .containsExactly(newer.id(), older.id());
        assertThat(list.newestFirst(BACKEND, MessageStatus.DEAD, 10)).isEmpty();
        assertThat(list.newestFirst(null, MessageStatus.PENDING, 10)).hasSize(3);
    }

    @Test
    void aListingLimitOutsideOneToFiveHundredNamesTheLimit() {
        ListMessages list = new ListMessages(store);

        assertThatThrownBy(() -> list.newestFirst(null, null, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("'limit' must be 1..500");
        assertThatThrownBy(() -> list.newestFirst(null, null, 501)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aShownMessageCarriesItsAttempts() {
        OutboundMessage sent = message(BACKEND, "a");
        store.append(List.of(sent));
        attempt(BACKEND, ScriptedDestination.delivered());

        MessageView shown = new ShowMessage(store).byId(sent.id()).orElseThrow();

        assertThat(shown.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(shown.attempts()).singleElement()
                .satisfies(attempt -> assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.DELIVERED));
        assertThat(new ShowMessage(store).byId(MessageId.random())).isEmpty();
    }

    @Test
    void redeliveringADeliveredMessageMakesItPendingNowAndWakesTheDispatcher() {
        OutboundMessage sent = message(BACKEND, "a");
        store.append(List.of(sent));
        attempt(BACKEND, ScriptedDestination.delivered());
        clock.advance(Duration.ofMinutes(5));

        boolean found = new RedeliverMessage(store, signal, clock).redeliver(sent.id());

        assertThat(found).isTrue();
        MessageView view = store.find(sent.id()).orElseThrow();
        assertThat(view.status()).isEqualTo(MessageStatus.PENDING);
        assertThat(view.nextAttemptAt()).isEqualTo(clock.instant());
        assertThat(wakeUps).hasValue(1);
    }

    @Test
    void redeliveringAnUnknownMessageFindsNothingAndWakesNobody() {
        assertThat(new RedeliverMessage(store, signal, clock).redeliver(MessageId.random())).isFalse();
        assertThat(wakeUps).hasValue(0);
    }

    @Test
    void bulkRedeliveryRevivesOnlyTheDeadOfTheDestination() {
        OutboundMessage dead = message(BACKEND, "a");
        OutboundMessage otherDead = message(OTHER, "b");
        store.append(List.of(dead, otherDead));
        attempt(BACKEND, ScriptedDestination.refused());
        attempt(OTHER, ScriptedDestination.refused());
        OutboundMessage pending = message(BACKEND, "c");
        store.append(List.of(pending));

        int revived = new RedeliverDeadMessages(store, signal, clock).redeliver(BACKEND);

        assertThat(revived).isEqualTo(1);
        assertThat(store.find(dead.id()).orElseThrow().status()).isEqualTo(MessageStatus.PENDING);
        assertThat(store.find(otherDead.id()).orElseThrow().status()).isEqualTo(MessageStatus.DEAD);
        assertThat(wakeUps).hasValue(1);
        assertThat(new RedeliverDeadMessages(store, signal, clock).redeliver(BACKEND)).isZero();
        assertThat(wakeUps).hasValue(1);
    }
}
