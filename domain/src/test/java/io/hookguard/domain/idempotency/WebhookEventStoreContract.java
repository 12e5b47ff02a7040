package io.hookguard.domain.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link WebhookEventStore} passes: the claim rules of docs/SEMANTICS.md, driven by a clock the
 * test moves. An adapter's test extends this class and returns a store over a clean schema.
 */
public abstract class WebhookEventStoreContract {

    protected static final Duration WINDOW = Duration.ofSeconds(30);
    protected static final Duration LEASE = Duration.ofSeconds(60);
    protected static final Duration RETENTION = Duration.ofDays(7);

    protected final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    protected final IdempotencyPolicy policy = new IdempotencyPolicy(
            RETENTION, LEASE, RETENTION, Map.of(WebhookType.WORKFLOW_COMPLETE, WINDOW));

    private WebhookEventStore store;

    /** A store over a clean schema; called before each test. */
    protected abstract WebhookEventStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    protected WebhookEventStore store() {
        return store;
    }

    protected static Delivery delivery(String id, String content) {
        return new Delivery(WebhookType.WORKFLOW_COMPLETE,
                new DeliveryKey(new WebhookId(id), Fingerprint.of(content)), "adw-" + id, 42);
    }

    protected ClaimOutcome claim(Delivery delivery) {
        return store.claim(policy.claimRequest(delivery, clock.instant()));
    }

    protected Claim claimed(Delivery delivery) {
        ClaimOutcome outcome = claim(delivery);
        assertThat(outcome).isInstanceOf(ClaimOutcome.Claimed.class);
        return ((ClaimOutcome.Claimed) outcome).claim();
    }

    @Test
    void newDeliveryIsClaimedWithFirstAttemptAndLease() {
        Claim claim = claimed(delivery("a", "body"));

        assertThat(claim.attempt()).isEqualTo(1);
        assertThat(claim.lockedUntil()).isEqualTo(clock.instant().plus(LEASE));
        assertThat(claim.webhookId()).isEqualTo(new WebhookId("a"));
        WebhookEvent row = store.find(WebhookType.WORKFLOW_COMPLETE, new WebhookId("a")).orElseThrow();
        assertThat(row.status()).isEqualTo(EventStatus.PROCESSING);
        assertThat(row.processed()).isFalse();
        assertThat(row.receivedAt()).isEqualTo(clock.instant());
        assertThat(row.adwId()).isEqualTo("adw-a");
        assertThat(row.issueNumber()).isEqualTo(42);
        assertThat(row.fingerprint()).isEqualTo(Fingerprint.of("body"));
    }

    @Test
    void duplicateWithinWindowIsReplayedWithStoredResponse() {
        Delivery delivery = delivery("a", "body");
        Claim claim = claimed(delivery);
        assertThat(store.complete(claim, "{\"ok\":true}", clock.instant())).isTrue();
        Instant completedAt = clock.instant();

        clock.advance(WINDOW.minusSeconds(1));

        assertThat(claim(delivery)).isEqualTo(new ClaimOutcome.Duplicate("{\"ok\":true}", completedAt));
    }

    @Test
    void completionMarksTheRowProcessed() {
        Claim claim = claimed(delivery("a", "body"));
        clock.advance(Duration.ofMillis(250));

        store.complete(claim, "done", clock.instant());

        WebhookEvent row = store.find(WebhookType.WORKFLOW_COMPLETE, new WebhookId("a")).orElseThrow();
        assertThat(row.status()).isEqualTo(EventStatus.COMPLETED);
        assertThat(row.processed()).isTrue();
        assertThat(row.completedAt()).isEqualTo(clock.instant());
        assertThat(row.response()).isEqualTo("done");
        assertThat(row.attempts()).isEqualTo(1);
    }

    @Test
    void completedDeliveryIsReclaimedOnceTheWindowHasPassed() {
        Delivery delivery = delivery("a", "body");
        store.complete(claimed(delivery), "first", clock.instant());

        clock.advance(WINDOW);

        Claim again = claimed(delivery);
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(store.find(WebhookType.WORKFLOW_COMPLETE, new WebhookId("a")).orElseThrow().status())
                .isEqualTo(EventStatus.PROCESSING);
    }

    @Test
    void windowIsPerType() {
        Delivery github = new Delivery(WebhookType.GITHUB, new DeliveryKey(new WebhookId("g"), Fingerprint.of("x")),
                null, null);
        store.complete(claimed(github), "first", clock.instant());

        clock.advance(Duration.ofDays(1));

        assertThat(claim(github)).isInstanceOf(ClaimOutcome.Duplicate.class);
    }

    @Test
    void failedClaimIsReclaimedByRetryWithNextAttempt() {
        Delivery delivery = delivery("a", "body");
        Claim first = claimed(delivery);
        assertThat(store.fail(first, "boom", clock.instant())).isTrue();
        WebhookEvent failed = store.find(WebhookType.WORKFLOW_COMPLETE, new WebhookId("a")).orElseThrow();
        assertThat(failed.status()).isEqualTo(EventStatus.FAILED);
        assertThat(failed.lastError()).isEqualTo("boom");
        assertThat(failed.processed()).isFalse();

        Claim retry = claimed(delivery);

        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(store.find(WebhookType.WORKFLOW_COMPLETE, new WebhookId("a")).orElseThrow().attempts())
                .isEqualTo(2);
    }

    @Test
    void liveClaimIsInFlightUntilItsLeaseEnds() {
        Delivery delivery = delivery("a", "body");
        Claim first = claimed(delivery);

        clock.advance(LEASE.minusSeconds(1));

        assertThat(claim(delivery)).isEqualTo(new ClaimOutcome.InFlight(first.lockedUntil()));
    }

    @Test
    void expiredLeaseIsReclaimedWithNextAttempt() {
        Delivery delivery = delivery("a", "body");
        claimed(delivery);

        clock.advance(LEASE);

        Claim retry = claimed(delivery);
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.lockedUntil()).isEqualTo(clock.instant().plus(LEASE));
    }

    @Test
    void otherContentUnderTheSameKeyIsMismatchWhileProcessing() {
        claimed(delivery("a", "body"));

        assertThat(claim(delivery("a", "other body")))
                .isEqualTo(new ClaimOutcome.Mismatch(Fingerprint.of("body")));
    }

    @Test
    void otherContentUnderTheSameKeyIsMismatchWithinTheWindow() {
        store.complete(claimed(delivery("a", "body")), "done", clock.instant());

        assertThat(claim(delivery("a", "other body"))).isInstanceOf(ClaimOutcome.Mismatch.class);
    }

    @Test
    void otherContentUnderTheSameKeyIsMismatchAfterFailure() {
        store.fail(claimed(delivery("a", "body")), "boom", clock.instant());

        assertThat(claim(delivery("a", "other body"))).isInstanceOf(ClaimOutcome.Mismatch.class);
    }

    @Test
    void otherContentIsClaimedOnceTheWindowHasPassed() {
        store.complete(claimed(delivery("a", "body")), "done", clock.instant());
        clock.advance(WINDOW.plusSeconds(1));

        claimed(delivery("a", "other body"));

        assertThat(store.find(WebhookType.WORKFLOW_COMPLETE, new WebhookId("a")).orElseThrow().fingerprint())
                .isEqualTo(Fingerprint.of("other body"));
    }

    @Test
    void keysAreScopedByType() {
        Delivery workflow = delivery("same-id", "body");
        Delivery github = new Delivery(WebhookType.GITHUB, workflow.key(), null, null);
        store.complete(claimed(workflow), "done", clock.instant());

        claimed(github);

        assertThat(store.findByWebhookId(new WebhookId("same-id")))
                .extracting(WebhookEvent::type)
                .containsExactlyInAnyOrder(WebhookType.WORKFLOW_COMPLETE, WebhookType.GITHUB);
    }

    @Test
    void staleAttemptCannotCompleteOrFailAfterItWasTakenOver() {
        Delivery delivery = delivery("a", "body");
        Claim stale = claimed(delivery);
        clock.advance(LEASE.plusSeconds(1));
        Claim current = claimed(delivery);

        assertThat(store.complete(stale, "late", clock.instant())).isFalse();
        assertThat(store.fail(stale, "late", clock.instant())).isFalse();
        assertThat(store.find(WebhookType.WORKFLOW_COMPLETE, new WebhookId("a")).orElseThrow().status())
                .isEqualTo(EventStatus.PROCESSING);

        assertThat(store.complete(current, "current", clock.instant())).isTrue();
        assertThat(store.find(WebhookType.WORKFLOW_COMPLETE, new WebhookId("a")).orElseThrow().response())
                .isEqualTo("current");
    }

    @Test
    void completedClaimCannotBeCompletedOrFailedAgain() {
        Claim claim = claimed(delivery("a", "body"));
        store.complete(claim, "first", clock.instant());

        assertThat(store.complete(claim, "second", clock.instant())).isFalse();
        assertThat(store.fail(claim, "late", clock.instant())).isFalse();
        WebhookEvent row = store.find(WebhookType.WORKFLOW_COMPLETE, new WebhookId("a")).orElseThrow();
        assertThat(row.response()).isEqualTo("first");
        assertThat(row.status()).isEqualTo(EventStatus.COMPLETED);
    }

    @Test
    void unknownKeyIsNotFound() {
        assertThat(store.find(WebhookType.GITHUB, new WebhookId("nope"))).isEmpty();
        assertThat(store.findByWebhookId(new WebhookId("nope"))).isEmpty();
    }

    @Test
    void recentEventsAreListedNewestFirst() {
        for (String id : List.of("first", "second", "third")) {
            claimed(delivery(id, id));
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(store.findRecent(2)).extracting(event -> event.webhookId().value())
                .containsExactly("third", "second");
    }

    @Test
    void cleanupDeletesOnlyRowsPastTheCutoffInBatches() {
        for (int i = 0; i < 5; i++) {
            store.complete(claimed(delivery("old-" + i, "x")), "done", clock.instant());
        }
        clock.advance(Duration.ofDays(8));
        store.complete(claimed(delivery("recent", "x")), "done", clock.instant());
        Instant cutoff = policy.retentionCutoff(clock.instant());

        assertThat(store.deleteOlderThan(cutoff, 3)).isEqualTo(3);
        assertThat(store.deleteOlderThan(cutoff, 3)).isEqualTo(2);
        assertThat(store.deleteOlderThan(cutoff, 3)).isZero();

        assertThat(store.findRecent(10)).extracting(event -> event.webhookId().value()).containsExactly("recent");
    }

    @Test
    void cleanupSparesClaimsWhoseLeaseOutlivesTheCutoff() {
        claimed(delivery("held", "x"));
        Instant cutoff = clock.instant().plusSeconds(1);

        assertThat(store.deleteOlderThan(cutoff, 10)).isZero();
        assertThat(store.find(WebhookType.WORKFLOW_COMPLETE, new WebhookId("held"))).isPresent();
    }

    @Test
    void concurrentClaimsOfOneKeyYieldExactlyOneClaimed() throws Exception {
        int threads = 32;
        Delivery delivery = delivery("contended", "body");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ClaimOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<ClaimOutcome> task = () -> {
                    start.await();
                    return claim(delivery);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<ClaimOutcome> outcomes = new ArrayList<>();
            for (Future<ClaimOutcome> future : futures) {
                outcomes.add(future.get(30, TimeUnit.SECONDS));
            }

            assertThat(outcomes).filteredOn(ClaimOutcome.Claimed.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(ClaimOutcome.InFlight.class::isInstance).hasSize(threads - 1);
        } finally {
            pool.shutdownNow();
        }
    }
}
