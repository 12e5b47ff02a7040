package io.hookguard.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookguard.domain.outbox.AttemptResult;
import io.hookguard.domain.outbox.Destination;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.DispatchCommand;
import io.hookguard.domain.outbox.DispatchObserver;
import io.hookguard.domain.outbox.DispatchOutbox;
import io.hookguard.domain.outbox.DispatchPass;
import io.hookguard.domain.outbox.MessageId;
import io.hookguard.domain.outbox.MessageQuery;
import io.hookguard.domain.outbox.MessageStatus;
import io.hookguard.domain.outbox.OutboundMessage;
import io.hookguard.domain.outbox.RetrySchedule;
import io.hookguard.domain.testing.MutableClock;
import io.hookguard.persistence.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox on a real database with the real dispatch use case: appends that commit or roll back with the unit
 * of work, two instances (two pools) dispatching the same outbox, and ordering when an earlier message fails.
 */
abstract class OutboxDispatchTest {

    private static final DestinationName BACKEND = new DestinationName("backend");
    private static final RetrySchedule SCHEDULE = new RetrySchedule(List.of(Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(1)), 0);
    private static final Duration LEASE = Duration.ofSeconds(60);

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    protected abstract TestDatabase db();

    @BeforeEach
    void emptyTables() {
        db().reset();
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private OutboundMessage message(String orderingKey, int n) {
        return new OutboundMessage(MessageId.random(), BACKEND, orderingKey, "workflow_complete", "d-" + n,
                "phase.ready", "application/json", ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8),
                clock.instant());
    }

    /**
     * A receiver that fails the first attempt of the messages it is told to, records the deliveries in order, and
     * notes when one message is attempted twice at the same time.
     */
    private static final class Receiver implements Destination {
        final Set<MessageId> failFirst = ConcurrentHashMap.newKeySet();
        final Set<MessageId> inFlight = ConcurrentHashMap.newKeySet();
        final Map<MessageId, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final List<OutboundMessage> delivered = new CopyOnWriteArrayList<>();
        final AtomicInteger overlaps = new AtomicInteger();

        @Override
        public DestinationName name() {
            return BACKEND;
        }

        @Override
        public AttemptResult send(OutboundMessage message) {
            if (!inFlight.add(message.id())) {
                overlaps.incrementAndGet();
            }
            try {
                int attempt = attempts.computeIfAbsent(message.id(), id -> new AtomicInteger()).incrementAndGet();
                if (attempt == 1 && failFirst.contains(message.id())) {
                    return new AttemptResult.Failed(500, "first attempt fails");
                }
                delivered.add(message);
                return new AttemptResult.Delivered(200, "ok");
            } finally {
                inFlight.remove(message.id());
            }
        }
    }

    /** Four dispatchers, two on each instance, run passes until all four find nothing to do. */
    private void dispatchUntilIdle(List<DispatchOutbox> instances, Receiver receiver) throws Exception {
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            DispatchOutbox dispatch = instances.get(i % 2);
            workers.add(threads.submit(() -> {
                DispatchPass pass;
                do {
                    pass = dispatch.dispatch(new DispatchCommand(receiver, SCHEDULE, LEASE, 3));
                } while (pass.leased() > 0);
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }
    }

    private List<DispatchOutbox> twoInstances() {
        Database second = db().connectAnother(settings -> settings);
        return List.of(
                new DispatchOutbox(new JooqOutboxStore(db().database()), clock, new SplittableRandom(1),
                        DispatchObserver.NONE),
                new DispatchOutbox(new JooqOutboxStore(second), clock, new SplittableRandom(2),
                        DispatchObserver.NONE));
    }

    @Test
    void appendedMessagesCommitWithTheUnitOfWorkOrNotAtAll() {
        JooqUnitOfWork unitOfWork = new JooqUnitOfWork(db().database());
        JooqOutbox outbox = new JooqOutbox(db().database());
        OutboundMessage committed = message(null, 1);
        OutboundMessage rolledBack = message(null, 2);

        unitOfWork.inTransaction(() -> {
            outbox.append(List.of(committed));
            return null;
        });
        assertThatThrownBy(() -> unitOfWork.inTransaction(() -> {
            outbox.append(List.of(rolledBack));
            throw new IllegalStateException("the handler failed after appending");
        })).hasMessageContaining("the handler failed");

        JooqOutboxStore store = new JooqOutboxStore(db().database());
        assertThat(store.list(new MessageQuery(null, null, 10))).extracting(view -> view.id())
                .containsExactly(committed.id());
    }

    @Test
    void twoInstancesDispatchingTheSameOutboxNeverAttemptAMessageTwice() throws Exception {
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            messages.add(message(null, i));
        }
        new JooqOutbox(db().database()).append(messages);
        Receiver receiver = new Receiver();

        dispatchUntilIdle(twoInstances(), receiver);

        assertThat(receiver.overlaps).hasValue(0);
        assertThat(receiver.delivered).hasSize(150);
        assertThat(receiver.attempts).hasSize(150).allSatisfy((id, count) -> assertThat(count).hasValue(1));
        assertThat(new JooqOutboxStore(db().database()).counts()).singleElement()
                .satisfies(count -> {
                    assertThat(count.status()).isEqualTo(MessageStatus.DELIVERED);
                    assertThat(count.count()).isEqualTo(150);
                });
    }

    @Test
    void orderHoldsAcrossInstancesWhenTheFirstAttemptOfTheEarlierMessagesFails() throws Exception {
        Receiver receiver = new Receiver();
        List<OutboundMessage> messages = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            OutboundMessage message = message("issue-" + (n % 8), n);
            messages.add(message);
            if (n % 3 == 0) {
                receiver.failFirst.add(message.id());
            }
        }
        new JooqOutbox(db().database()).append(messages);
        List<DispatchOutbox> instances = twoInstances();

        for (int round = 0; round < 20 && receiver.delivered.size() < messages.size(); round++) {
            dispatchUntilIdle(instances, receiver);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(receiver.overlaps).hasValue(0);
        assertThat(receiver.delivered).hasSize(40);
        for (int key = 0; key < 8; key++) {
            String orderingKey = "issue-" + key;
            assertThat(receiver.delivered.stream().filter(m -> m.orderingKey().equals(orderingKey))
                    .map(OutboundMessage::id))
                    .as("deliveries of %s in the order written", orderingKey)
                    .containsExactlyElementsOf(messages.stream()
                            .filter(m -> m.orderingKey().equals(orderingKey)).map(OutboundMessage::id).toList());
        }
    }
}
