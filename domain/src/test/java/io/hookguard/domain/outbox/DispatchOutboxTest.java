package io.hookguard.domain.outbox;

import static io.hookguard.domain.outbox.ScriptedDestination.delivered;
import static io.hookguard.domain.outbox.ScriptedDestination.failed;
import static io.hookguard.domain.outbox.ScriptedDestination.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DispatchOutboxTest {

    private static final Duration LEASE = Duration.ofSeconds(45);
    private static final RetrySchedule SCHEDULE = new RetrySchedule(
            List.of(Duration.ofSeconds(5), Duration.ofMinutes(1)), 0);

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    private final InMemoryOutboxStore store = new InMemoryOutboxStore();
    private final List<Settlement> observed = new ArrayList<>();
    private final DispatchOutbox dispatch = new DispatchOutbox(store, clock, new SplittableRandom(7),
            (message, attempt, settlement) -> observed.add(settlement));
    private final ScriptedDestination backend = new ScriptedDestination("backend");

    private OutboundMessage write(String orderingKey, String event) {
        OutboundMessage message = new OutboundMessage(MessageId.random(), backend.name(), orderingKey,
                "workflow_complete", "d-" + event, event, "application/json",
                ("{\"type\":\"" + event + "\"}").getBytes(StandardCharsets.UTF_8), clock.instant());
        store.append(List.of(message));
        return message;
    }

    private DispatchPass pass() {
        return dispatch.dispatch(new DispatchCommand(backend, SCHEDULE, LEASE, 10));
    }

    private MessageStatus status(OutboundMessage message) {
        return store.find(message.id()).orElseThrow().status();
    }

    @Test
    void dueMessageIsSentAndDelivered() {
        OutboundMessage message = write(null, "push");

        DispatchPass pass = pass();

        assertThat(pass).isEqualTo(new DispatchPass(1, 1, 0, 0, 0, 0));
        assertThat(backend.received()).containsExactly(message);
        assertThat(status(message)).isEqualTo(MessageStatus.DELIVERED);
        assertThat(pass()).isEqualTo(DispatchPass.NOTHING);
    }

    @Test
    void failedAttemptIsRetriedAfterTheScheduledDelayAndThenDelivered() {
        OutboundMessage message = write(null, "push");
        backend.thenAnswer(failed(500));

        assertThat(pass().retried()).isEqualTo(1);
        assertThat(store.nextWakeUp(backend.name())).contains(clock.instant().plusSeconds(5));
        clock.advance(Duration.ofSeconds(4));
        assertThat(pass()).isEqualTo(DispatchPass.NOTHING);
        clock.advance(Duration.ofSeconds(1));
        assertThat(pass().delivered()).isEqualTo(1);

        MessageView view = store.find(message.id()).orElseThrow();
        assertThat(view.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(view.attempts()).extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.FAILED, Attempt.Outcome.DELIVERED);
        assertThat(view.attempts()).extracting(Attempt::statusCode).containsExactly(500, 200);
    }

    @Test
    void messageIsDeadOnceTheScheduleIsUsedUp() {
        OutboundMessage message = write(null, "push");
        backend.otherwise(m -> failed(503));

        pass();
        clock.advance(Duration.ofSeconds(5));
        pass();
        clock.advance(Duration.ofMinutes(1));
        DispatchPass last = pass();

        assertThat(last.dead()).isEqualTo(1);
        assertThat(status(message)).isEqualTo(MessageStatus.DEAD);
        assertThat(backend.received()).hasSize(3);
        assertThat(observed).hasSize(3).last().isInstanceOf(Settlement.Dead.class);
        clock.advance(Duration.ofDays(1));
        assertThat(pass()).isEqualTo(DispatchPass.NOTHING);
    }

    @Test
    void refusedMessageIsDeadAtOnce() {
        OutboundMessage message = write(null, "push");
        backend.thenAnswer(refused());

        assertThat(pass().dead()).isEqualTo(1);
        assertThat(status(message)).isEqualTo(MessageStatus.DEAD);
        assertThat(store.nextWakeUp(backend.name())).isEmpty();
    }

    @Test
    void orderHoldsWhenTheFirstAttemptOfTheEarlierMessageFails() {
        OutboundMessage completed = write("issue-42", "phase.completed");
        OutboundMessage ready = write("issue-42", "phase.ready");
        backend.thenAnswer(failed(500));

        pass();
        clock.advance(Duration.ofSeconds(2));
        pass();
        clock.advance(Duration.ofSeconds(3));
        pass();
        pass();

        assertThat(backend.received()).extracting(OutboundMessage::eventType)
                .containsExactly("phase.completed", "phase.completed", "phase.ready");
        assertThat(status(completed)).isEqualTo(MessageStatus.DELIVERED);
        assertThat(status(ready)).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void destinationThatThrowsFailsTheAttemptInsteadOfLosingTheMessage() {
        OutboundMessage message = write(null, "push");
        backend.otherwise(m -> {
            throw new IllegalStateException("boom");
        });

        assertThat(pass().retried()).isEqualTo(1);
        assertThat(store.find(message.id()).orElseThrow().lastError()).contains("boom");
    }

    @Test
    void stoppingDispatcherGivesItsLeasesBackUnattempted() {
        OutboundMessage first = write(null, "one");
        OutboundMessage second = write(null, "two");
        int[] asked = {0};

        DispatchPass pass = dispatch.dispatch(new DispatchCommand(backend, SCHEDULE, LEASE, 10,
                () -> asked[0]++ >= 1));

        assertThat(pass).isEqualTo(new DispatchPass(2, 1, 0, 0, 0, 1));
        assertThat(backend.received()).containsExactly(first);
        assertThat(status(second)).isEqualTo(MessageStatus.PENDING);
        assertThat(pass().delivered()).isEqualTo(1);
        assertThat(backend.received()).containsExactly(first, second);
    }

    @Test
    void redeliveredDeadMessageIsDeliveredByTheNextPass() {
        OutboundMessage message = write(null, "push");
        backend.thenAnswer(refused());
        pass();

        store.redeliverDead(backend.name(), clock.instant());
        DispatchPass pass = pass();

        assertThat(pass.delivered()).isEqualTo(1);
        assertThat(store.find(message.id()).orElseThrow().attemptCount()).isEqualTo(2);
    }

    /** A destination whose attempts stay in flight until the test answers them. */
    private static final class AsyncDestination implements Destination {
        record Started(OutboundMessage message, CompletableFuture<AttemptResult> answer) {
        }

        final LinkedBlockingQueue<Started> started = new LinkedBlockingQueue<>();

        @Override
        public DestinationName name() {
            return new DestinationName("backend");
        }

        @Override
        public AttemptResult send(OutboundMessage message) {
            throw new AssertionError("the dispatcher sends asynchronously where it can");
        }

        @Override
        public CompletableFuture<AttemptResult> sendAsync(OutboundMessage message) {
            CompletableFuture<AttemptResult> answer = new CompletableFuture<>();
            started.add(new Started(message, answer));
            return answer;
        }

        Started nextStarted() throws InterruptedException {
            Started next = started.poll(30, TimeUnit.SECONDS);
            assertThat(next).as("an attempt begun").isNotNull();
            return next;
        }
    }

    /** The store, counting the calls that settle. */
    private static final class CountingQueue implements OutboxQueue {
        final OutboxQueue store;
        final AtomicInteger settleCalls = new AtomicInteger();

        CountingQueue(OutboxQueue store) {
            this.store = store;
        }

        @Override
        public List<LeasedMessage> lease(DestinationName destination, java.time.Instant now,
                java.time.Instant leaseUntil, int limit) {
            return store.lease(destination, now, leaseUntil, limit);
        }

        @Override
        public Set<MessageId> settle(List<Settling> settlings) {
            settleCalls.incrementAndGet();
            return store.settle(settlings);
        }

        @Override
        public void release(LeasedMessage leased) {
            store.release(leased);
        }

        @Override
        public Optional<java.time.Instant> nextWakeUp(DestinationName destination) {
            return store.nextWakeUp(destination);
        }
    }

    @Test
    void attemptsOfOneBatchAreInFlightTogetherAndSettledInOneCall() throws Exception {
        OutboundMessage one = write("issue-1", "phase.completed");
        OutboundMessage two = write("issue-2", "phase.completed");
        OutboundMessage three = write(null, "push");
        AsyncDestination async = new AsyncDestination();
        CountingQueue queue = new CountingQueue(store);
        DispatchOutbox concurrent = new DispatchOutbox(queue, clock, new SplittableRandom(7), DispatchObserver.NONE);
        CompletableFuture<DispatchPass> pass = CompletableFuture.supplyAsync(
                () -> concurrent.dispatch(new DispatchCommand(async, SCHEDULE, LEASE, 10)));

        List<AsyncDestination.Started> inFlight = List.of(async.nextStarted(), async.nextStarted(),
                async.nextStarted());
        assertThat(inFlight).extracting(AsyncDestination.Started::message)
                .as("all three begun before any is answered").containsExactly(one, two, three);
        inFlight.get(2).answer().complete(failed(503));
        inFlight.get(0).answer().complete(delivered());
        inFlight.get(1).answer().completeExceptionally(new IllegalStateException("broken pipe"));

        assertThat(pass.get(30, TimeUnit.SECONDS)).isEqualTo(new DispatchPass(3, 1, 2, 0, 0, 0));
        assertThat(queue.settleCalls).hasValue(1);
        assertThat(status(one)).isEqualTo(MessageStatus.DELIVERED);
        assertThat(store.find(two.id()).orElseThrow().lastError()).contains("broken pipe");
        assertThat(store.find(three.id()).orElseThrow().attempts()).extracting(Attempt::statusCode)
                .containsExactly(503);
    }

    @Test
    void interruptedPassSettlesWhatWasAnsweredAndLeavesTheRestLeased() throws Exception {
        OutboundMessage answered = write(null, "one");
        OutboundMessage unanswered = write(null, "two");
        AsyncDestination async = new AsyncDestination();
        AtomicReference<DispatchPass> result = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            result.set(dispatch.dispatch(new DispatchCommand(async, SCHEDULE, LEASE, 10)));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        worker.start();
        async.nextStarted().answer().complete(delivered());
        async.nextStarted();

        worker.interrupt();
        worker.join(30_000);

        assertThat(worker.isAlive()).isFalse();
        assertThat(stillInterrupted).isTrue();
        assertThat(result.get().delivered()).isEqualTo(1);
        assertThat(status(answered)).isEqualTo(MessageStatus.DELIVERED);
        assertThat(store.find(unanswered.id()).orElseThrow().attempts()).isEmpty();
        assertThat(store.lease(backend.name(), clock.instant(), clock.instant().plus(LEASE), 10))
                .as("its lease is kept until it expires").isEmpty();
        assertThat(store.lease(backend.name(), clock.instant().plus(LEASE), clock.instant().plus(LEASE).plus(LEASE),
                10)).extracting(LeasedMessage::id).containsExactly(unanswered.id());
    }
}
