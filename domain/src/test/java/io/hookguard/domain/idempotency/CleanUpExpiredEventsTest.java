package io.hookguard.domain.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookguard.domain.testing.MutableClock;
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
