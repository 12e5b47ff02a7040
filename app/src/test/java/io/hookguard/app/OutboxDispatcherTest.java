package io.hookguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.outbox.AttemptResult;
import io.hookguard.domain.outbox.Destination;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.DispatchOutbox;
import io.hookguard.domain.outbox.InMemoryOutboxStore;
import io.hookguard.domain.outbox.LeasedMessage;
import io.hookguard.domain.outbox.MessageId;
import io.hookguard.domain.outbox.MessageStatus;
import io.hookguard.domain.outbox.MessageView;
import io.hookguard.domain.outbox.OutboundMessage;
import io.hookguard.domain.outbox.RetrySchedule;
import io.hookguard.domain.outbox.Settlement;
import io.hookguard.domain.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxDispatcherTest {

    /** Long enough that nothing in these tests happens by polling: only wake-ups and due times move them. */
    private static final OutboxDispatcher.Settings SETTINGS = new OutboxDispatcher.Settings(3,
            Duration.ofHours(1), Duration.ofSeconds(30));
    private static final RetrySchedule SCHEDULE = new RetrySchedule(List.of(Duration.ofSeconds(5)), 0);
    private static final long WAIT_SECONDS = 30;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final InMemoryOutboxStore store = new InMemoryOutboxStore();
    private final LinkedBlockingQueue<Settlement> settled = new LinkedBlockingQueue<>();
    private final DispatchOutbox dispatch = new DispatchOutbox(store, clock, new SplittableRandom(5),
            (message, attempt, settlement) -> settled.add(settlement));
    private final List<OutboxDispatcher> started = new ArrayList<>();

    @AfterEach
    void stopDispatchers() {
        started.forEach(OutboxDispatcher::close);
    }

    /** A destination whose every attempt is handed to the test and answered as {@code answer} says. */
    private static final class Receiver implements Destination {
        final DestinationName name;
        final Function<OutboundMessage, AttemptResult> answer;
        final LinkedBlockingQueue<OutboundMessage> attempts = new LinkedBlockingQueue<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();

        Receiver(String name, Function<OutboundMessage, AttemptResult> answer) {
            this.name = new DestinationName(name);
            this.answer = answer;
        }

        @Override
        public DestinationName name() {
            return name;
        }

        @Override
        public AttemptResult send(OutboundMessage message) {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                attempts.add(message);
                return answer.apply(message);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        OutboundMessage nextAttempt() throws InterruptedException {
            OutboundMessage next = attempts.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(next).as("an attempt to %s", name).isNotNull();
            return next;
        }
    }

    private static AttemptResult ok(OutboundMessage message) {
        return new AttemptResult.Delivered(200, "ok");
    }

    private OutboundMessage append(DestinationName destination) {
        OutboundMessage message = new OutboundMessage(MessageId.random(), destination, null, "github", "d",
                "push", "application/json", "{}".getBytes(StandardCharsets.UTF_8), clock.instant());
        store.append(List.of(message));
        return message;
    }

    private OutboxDispatcher start(OutboxDispatcher.Route... routes) {
        OutboxDispatcher dispatcher = new OutboxDispatcher(dispatch, store, clock, List.of(routes), SETTINGS);
        started.add(dispatcher);
        dispatcher.start();
        return dispatcher;
    }

    private static OutboxDispatcher.Route route(Destination destination, int concurrency) {
        return new OutboxDispatcher.Route(destination, SCHEDULE, Duration.ofSeconds(10), concurrency);
    }

    private MessageStatus statusOf(OutboundMessage message) {
        return store.find(message.id()).map(MessageView::status).orElseThrow();
    }

    @Test
    void messageCommittedWhileIdleIsDeliveredOnWakeUp() throws Exception {
        Receiver backend = new Receiver("backend", OutboxDispatcherTest::ok);
        OutboxDispatcher dispatcher = start(route(backend, 1));

        OutboundMessage message = append(backend.name);
        dispatcher.wakeUp();

        assertThat(backend.nextAttempt()).isEqualTo(message);
    }

    @Test
    void failedAttemptIsRetriedWhenTheClockReachesItsTime() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Receiver backend = new Receiver("backend", message -> calls.incrementAndGet() == 1
                ? new AttemptResult.Failed(503, "busy") : ok(message));
        OutboundMessage message = append(backend.name);
        OutboxDispatcher dispatcher = start(route(backend, 1));
        assertThat(backend.nextAttempt()).isEqualTo(message);
        assertThat(settled.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(
                new Settlement.Retry(clock.instant().plusSeconds(5)));

        clock.advance(Duration.ofSeconds(5));
        dispatcher.wakeUp(backend.name);

        assertThat(backend.nextAttempt()).isEqualTo(message);
        stopDispatchers();
        started.clear();
        assertThat(statusOf(message)).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void slowDestinationDoesNotHoldUpAnotherAndStaysWithinItsConcurrency() throws Exception {
        Semaphore release = new Semaphore(0);
        Receiver slow = new Receiver("slow", message -> {
            release.acquireUninterruptibly();
            return ok(message);
        });
        Receiver fast = new Receiver("fast", OutboxDispatcherTest::ok);
        List<OutboundMessage> slowMessages = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            slowMessages.add(append(slow.name));
        }
        List<OutboundMessage> fastMessages = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            fastMessages.add(append(fast.name));
        }

        start(route(slow, 2), route(fast, 1));
        List<OutboundMessage> fastReceived = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            fastReceived.add(fast.nextAttempt());
        }
        slow.nextAttempt();
        slow.nextAttempt();

        assertThat(fastReceived).containsExactlyInAnyOrderElementsOf(fastMessages);
        assertThat(slow.inFlight).as("two attempts held by the slow destination").hasValue(2);
        release.release(100);
        for (int i = 2; i < 8; i++) {
            slow.nextAttempt();
        }
        assertThat(slow.mostInFlight).hasValue(2);
    }

    @Test
    void closeLetsTheAttemptInFlightFinishAndGivesTheRestBack() throws Exception {
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Receiver backend = new Receiver("backend", message -> {
            inFlight.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ok(message);
        });
        List<OutboundMessage> messages = List.of(append(backend.name), append(backend.name),
                append(backend.name));
        OutboxDispatcher dispatcher = start(route(backend, 1));
        assertThat(inFlight.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        dispatcher.requestStop();
        release.countDown();
        dispatcher.close();

        assertThat(backend.attempts).hasSize(1);
        assertThat(statusOf(backend.attempts.peek())).isEqualTo(MessageStatus.DELIVERED);
        List<LeasedMessage> leasableNow = store.lease(backend.name, clock.instant(),
                clock.instant().plusSeconds(60), 10);
        assertThat(leasableNow).extracting(LeasedMessage::message)
                .as("the other two are pending and free for another instance at once")
                .containsExactlyInAnyOrderElementsOf(messages.stream()
                        .filter(m -> !m.equals(backend.attempts.peek())).toList());
    }

    @Test
    void idleWorkerSleepsUntilTheNextDueTimeWithinItsBounds() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        Duration poll = Duration.ofSeconds(5);

        assertThat(OutboxDispatcher.idleWait(Optional.empty(), now, poll)).isEqualTo(poll);
        assertThat(OutboxDispatcher.idleWait(Optional.of(now.plusSeconds(2)), now, poll))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(OutboxDispatcher.idleWait(Optional.of(now.plusSeconds(60)), now, poll)).isEqualTo(poll);
        assertThat(OutboxDispatcher.idleWait(Optional.of(now.minusSeconds(1)), now, poll))
                .isEqualTo(OutboxDispatcher.MIN_WAIT);
    }
}
