package io.hookguard.domain.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.deliveries.StoredRequest;
import io.hookguard.domain.deliveries.StoredRequests;
import io.hookguard.domain.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * test moves, and the keeping of the received request (headers, content type, raw body, event type) with the claim.
 * An adapter's test extends this class and returns a store over a clean schema that is also its
 * {@link StoredRequests}.
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

    /** The store's stored requests; every store under this contract keeps the request of each claim. */
    protected StoredRequests storedRequests() {
        return (StoredRequests) store;
    }

    /**
     * The store the 20 MiB round trip runs on: the test's store, unless the adapter needs other settings for bodies
     * that large (Redis: a command timeout that allows moving them). It must share the test's data.
     */
    protected WebhookEventStore storeForLargeBodies() {
        return store;
    }

    protected static ReceivedRequest request(String contentType, byte[] body, String eventType, String... headers) {
        List<RequestHeader> list = new ArrayList<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            list.add(new RequestHeader(headers[i], headers[i + 1]));
        }
        return ReceivedRequest.of(new Payload(contentType, body), list, eventType);
    }

    /** A delivery of a declared source: the fingerprint is the body's, and the request is kept with the claim. */
    protected static Delivery received(String id, ReceivedRequest request) {
        return Delivery.of(SOURCE, new DeliveryKey(new WebhookId(id), Fingerprint.of(request.received().body())))
                .withRequest(request);
    }

    protected static final WebhookType SOURCE = new WebhookType("stripe");

    private Optional<StoredRequest> storedRequest(String id) {
        return storedRequests().findRequest(SOURCE, new WebhookId(id));
    }

    private WebhookEvent row(String id) {
        return store.find(SOURCE, new WebhookId(id)).orElseThrow();
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
    void claimKeepsTheRequestWithItsHeadersInArrivalOrder() {
        ReceivedRequest request = request("application/json", utf8("{\"id\":\"evt_1\"}"), "invoice.paid",
                "Stripe-Signature", "t=1,v1=ab", "Content-Type", "application/json", "X-Trace", "b",
                "x-trace", "a", "X-Unicode", "caf\u00e9 \u2713");

        claimed(received("evt_1", request));

        StoredRequest stored = storedRequest("evt_1").orElseThrow();
        assertThat(stored.headers()).extracting(StoredRequest.Header::name)
                .containsExactly("Stripe-Signature", "Content-Type", "X-Trace", "x-trace", "X-Unicode");
        assertThat(stored.headers()).last().isEqualTo(new StoredRequest.Header("X-Unicode", "caf\u00e9 \u2713"));
        assertThat(stored.contentType()).isEqualTo("application/json");
        assertThat(stored.body()).isEqualTo("{\"id\":\"evt_1\"}");
        assertThat(row("evt_1").eventType()).isEqualTo("invoice.paid");
    }

    @Test
    void credentialHeadersAreNeverStored() {
        claimed(received("evt_1", request("application/json", utf8("{}"), null,
                "Authorization", "Bearer secret", "Cookie", "session=secret", "X-Kept", "yes")));

        assertThat(storedRequest("evt_1").orElseThrow().headers())
                .containsExactly(new StoredRequest.Header("X-Kept", "yes"));
    }

    @Test
    void deliveryWithoutRequestHasNoStoredRequestAndNoEventType() {
        claimed(delivery("a", "body"));

        assertThat(storedRequests().findRequest(WebhookType.WORKFLOW_COMPLETE, new WebhookId("a"))).isEmpty();
        assertThat(store.find(WebhookType.WORKFLOW_COMPLETE, new WebhookId("a")).orElseThrow().eventType()).isNull();
        assertThat(storedRequest("unknown")).isEmpty();
    }

    @Test
    void requestIsKeptAfterCompletionAndAfterFailure() {
        ReceivedRequest completedRequest = request("application/json", utf8("{\"n\":1}"), "a.b", "X-N", "1");
        ReceivedRequest failedRequest = request("application/json", utf8("{\"n\":2}"), "c.d", "X-N", "2");
        store.complete(claimed(received("done", completedRequest)), "ok", clock.instant());
        store.fail(claimed(received("failed", failedRequest)), "boom", clock.instant());

        assertThat(storedRequest("done")).contains(StoredRequest.of(completedRequest));
        assertThat(row("done").eventType()).isEqualTo("a.b");
        assertThat(storedRequest("failed")).contains(StoredRequest.of(failedRequest));
        assertThat(row("failed").eventType()).isEqualTo("c.d");
    }

    @Test
    void retryAfterFailureReplacesTheRequest() {
        byte[] body = utf8("{\"id\":\"evt_1\"}");
        store.fail(claimed(received("evt_1", request("application/json", body, "first", "Sig", "old"))), "boom",
                clock.instant());
        clock.advance(Duration.ofSeconds(5));
        ReceivedRequest retry = request("application/json; charset=utf-8", body, "second", "Sig", "new", "X-Retry", "1");

        claimed(received("evt_1", retry));

        assertThat(storedRequest("evt_1")).contains(StoredRequest.of(retry));
        assertThat(row("evt_1").eventType()).isEqualTo("second");
    }

    @Test
    void reclaimAfterAnExpiredLeaseReplacesTheRequest() {
        byte[] body = utf8("{}");
        claimed(received("evt_1", request("application/json", body, null, "Sig", "old")));
        clock.advance(LEASE);
        ReceivedRequest retry = request("application/json", body, "late", "Sig", "new");

        claimed(received("evt_1", retry));

        assertThat(storedRequest("evt_1")).contains(StoredRequest.of(retry));
        assertThat(row("evt_1").eventType()).isEqualTo("late");
    }

    @Test
    void reclaimOnceTheWindowHasPassedReplacesTheRequest() {
        store.complete(claimed(received("evt_1", request("application/json", utf8("{\"v\":1}"), "one", "A", "1"))),
                "ok", clock.instant());
        clock.advance(RETENTION);
        ReceivedRequest later = request("text/plain", utf8("other"), null, "B", "2");

        claimed(received("evt_1", later));

        assertThat(storedRequest("evt_1")).contains(StoredRequest.of(later));
        assertThat(row("evt_1").eventType()).isNull();
    }

    @Test
    void duplicateInFlightAndMismatchLeaveTheRequestAlone() {
        ReceivedRequest first = request("application/json", utf8("{\"v\":1}"), "one", "Sig", "first");
        claimed(received("flying", first));
        assertThat(claim(received("flying", request("application/json", utf8("{\"v\":1}"), "two", "Sig", "again"))))
                .isInstanceOf(ClaimOutcome.InFlight.class);
        assertThat(claim(received("flying", request("application/json", utf8("{\"v\":2}"), "two", "Sig", "other"))))
                .isInstanceOf(ClaimOutcome.Mismatch.class);
        store.complete(claimed(received("done", first)), "ok", clock.instant());

        assertThat(claim(received("done", request("application/json", utf8("{\"v\":1}"), "two", "Sig", "resend"))))
                .isInstanceOf(ClaimOutcome.Duplicate.class);

        assertThat(storedRequest("flying")).contains(StoredRequest.of(first));
        assertThat(row("flying").eventType()).isEqualTo("one");
        assertThat(storedRequest("done")).contains(StoredRequest.of(first));
        assertThat(row("done").eventType()).isEqualTo("one");
    }

    @Test
    void retentionDeletesTheRequestWithTheRow() {
        store.complete(claimed(received("old", request("application/json", utf8("{}"), null, "A", "1"))), "ok",
                clock.instant());
        clock.advance(Duration.ofDays(8));

        assertThat(store.deleteOlderThan(policy.retentionCutoff(clock.instant()), 10)).isEqualTo(1);

        assertThat(storedRequest("old")).isEmpty();
    }

    @Test
    void binaryBodyRoundTripsByteForByte() {
        byte[] body = new byte[512];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }

        claimed(received("bin", request("application/octet-stream", body, null)));

        StoredRequest stored = storedRequest("bin").orElseThrow();
        assertThat(stored.rawBody()).isEqualTo(body);
        assertThat(stored.text()).isEmpty();
        assertThat(stored.headers()).isEmpty();
    }

    @Test
    void twentyMebibyteBodyRoundTrips() {
        byte[] body = new byte[20 * 1024 * 1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        body[body.length - 1] = (byte) 0xff;

        WebhookEventStore large = storeForLargeBodies();
        ClaimOutcome outcome = large.claim(policy.claimRequest(
                received("big", request("application/json", body, "push", "X-GitHub-Event", "push")), clock.instant()));
        assertThat(outcome).isInstanceOf(ClaimOutcome.Claimed.class);
        large.complete(((ClaimOutcome.Claimed) outcome).claim(), "ok", clock.instant());

        StoredRequest stored = ((StoredRequests) large).findRequest(SOURCE, new WebhookId("big")).orElseThrow();
        assertThat(stored.rawBody().length).isEqualTo(body.length);
        assertThat(stored.rawBody()).isEqualTo(body);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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
