package io.hookguard.domain.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.DispatchCommand;
import io.hookguard.domain.outbox.DispatchObserver;
import io.hookguard.domain.outbox.DispatchOutbox;
import io.hookguard.domain.outbox.InMemoryOutboxStore;
import io.hookguard.domain.outbox.MessageId;
import io.hookguard.domain.outbox.MessageStatus;
import io.hookguard.domain.outbox.OutboundMessage;
import io.hookguard.domain.outbox.RetrySchedule;
import io.hookguard.domain.outbox.ScriptedDestination;
import io.hookguard.domain.testing.MutableClock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CleanUpExpiredEventsTest {

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final IdempotencyPolicy policy = IdempotencyPolicy.defaults();
    private final InMemoryWebhookEventStore store = new InMemoryWebhookEventStore();
    private final RecordingObserver observer = new RecordingObserver();
    private final CleanUpExpiredEvents cleanup = new CleanUpExpiredEvents(store, policy, clock, 2, observer);

    @Test
    void everyPassIsReportedOnceWithAllItDeletedAcrossBatches() {
        for (String id : List.of("a", "b", "c")) {
            complete(id);
        }
        clock.advance(policy.retention().plusSeconds(1));

        assertThat(cleanup.cleanUp()).isEqualTo(3);
        assertThat(cleanup.cleanUp()).isZero();

        assertThat(observer.completed).containsExactly(3L, 0L);
        assertThat(observer.failed).isEmpty();
    }

    @Test
    void aPassAlsoDeletesFinishedOutboxMessagesPastRetentionInBatchesButNeverAPendingOne() {
        InMemoryOutboxStore outbox = new InMemoryOutboxStore();
        CleanUpExpiredEvents withOutbox = new CleanUpExpiredEvents(store, policy, clock, 2, observer, outbox);
        DestinationName backend = new DestinationName("backend");
        List<OutboundMessage> messages = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> new OutboundMessage(MessageId.random(), backend, null, "github", "k" + i, null,
                        "application/json", new byte[0], clock.instant()))
                .toList();
        outbox.append(messages);
        DispatchOutbox dispatch = new DispatchOutbox(outbox, clock, new SplittableRandom(1), DispatchObserver.NONE);
        ScriptedDestination destination = new ScriptedDestination("backend")
                .thenAnswer(ScriptedDestination.delivered(), ScriptedDestination.delivered(),
                        ScriptedDestination.refused());
        dispatch.dispatch(new DispatchCommand(destination, RetrySchedule.of(List.of(Duration.ofDays(30))),
                Duration.ofMinutes(1), 3));
        clock.advance(policy.retention().plusSeconds(1));

        CleanupPass pass = withOutbox.run();

        assertThat(pass).isEqualTo(new CleanupPass(0, 3));
        assertThat(outbox.all()).singleElement()
                .satisfies(left -> assertThat(left.status()).isEqualTo(MessageStatus.PENDING));
    }

    @Test
    void failedPassIsReportedAndRethrown() {
        store.setAvailable(false);

        assertThatThrownBy(cleanup::cleanUp).isInstanceOf(StoreUnavailableException.class);

        assertThat(observer.completed).isEmpty();
        assertThat(observer.failed).singleElement().isInstanceOf(StoreUnavailableException.class);
    }

    private void complete(String id) {
        Delivery delivery = new Delivery(WebhookType.WORKFLOW_COMPLETE,
                new DeliveryKey(new WebhookId(id), Fingerprint.of(id)), "adw-" + id, 42);
        ClaimOutcome outcome = store.claim(policy.claimRequest(delivery, clock.instant()));
        store.complete(((ClaimOutcome.Claimed) outcome).claim(), "{}", clock.instant());
    }

    private static final class RecordingObserver implements CleanupObserver {
        final List<Long> completed = new ArrayList<>();
        final List<RuntimeException> failed = new ArrayList<>();

        @Override
        public void passCompleted(long deleted) {
            completed.add(deleted);
        }

        @Override
        public void passFailed(RuntimeException failure) {
            failed.add(failure);
        }
    }
}
