package io.hookguard.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookguard.domain.deliveries.DeliveryQuery;
import io.hookguard.domain.idempotency.Claim;
import io.hookguard.domain.idempotency.ClaimOutcome;
import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.WebhookEvent;
import io.hookguard.domain.idempotency.WebhookEventStore;
import io.hookguard.domain.idempotency.WebhookEventStoreContract;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store contract on a real Redis, plus what only Redis has: several connections, key TTLs, the index. */
class RedisWebhookEventStoreTest extends WebhookEventStoreContract {

    private final String prefix = RedisTestServer.uniquePrefix();
    private final List<RedisWebhookEventStore> opened = new ArrayList<>();

    @Override
    protected WebhookEventStore newStore() {
        return open();
    }

    /**
     * Moving 20 MiB (27 MiB in base64) through a script can take longer than the usual test timeout of 2 s on a
     * busy machine; this store, on the same keys, allows 60 s.
     */
    @Override
    protected WebhookEventStore storeForLargeBodies() {
        RedisSettings usual = RedisTestServer.settings(prefix, RETENTION);
        RedisWebhookEventStore store = new RedisWebhookEventStore(new RedisSettings(usual.url(), Duration.ofSeconds(60),
                usual.retention(), usual.keyPrefix()));
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStoresAndDropTheirKeys() {
        if (opened.isEmpty()) {
            return;
        }
        opened.forEach(RedisWebhookEventStore::close);
        RedisTestServer.deleteKeys(prefix);
    }

    @Test
    void consoleQueriesSayTheyNeedTheRelationalStore() {
        RedisWebhookEventStore store = (RedisWebhookEventStore) store();

        assertThatThrownBy(() -> store.page(DeliveryQuery.newest(10)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("relational store");
        assertThatThrownBy(() -> store.perMinute(clock.instant(), clock.instant().plusSeconds(60)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("relational store");
    }

    @Test
    void concurrentClaimsFromTwoConnectionsYieldExactlyOneClaimed() throws Exception {
        List<ClaimOutcome> outcomes = claimConcurrently(List.of(open(), open()), 64, delivery("contended", "body"));

        assertThat(outcomes).filteredOn(ClaimOutcome.Claimed.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(ClaimOutcome.InFlight.class::isInstance).hasSize(63);
    }

    @Test
    void concurrentRetriesOfAnExpiredLeaseFromTwoConnectionsYieldExactlyOneClaimed() throws Exception {
        Delivery delivery = delivery("abandoned", "body");
        claimed(delivery);
        clock.advance(LEASE);

        List<ClaimOutcome> outcomes = claimConcurrently(List.of(open(), open()), 64, delivery);

        assertThat(outcomes).filteredOn(ClaimOutcome.Claimed.class::isInstance)
                .singleElement()
                .satisfies(outcome -> assertThat(((ClaimOutcome.Claimed) outcome).claim().attempt()).isEqualTo(2));
        assertThat(store().find(WebhookType.WORKFLOW_COMPLETE, new WebhookId("abandoned")).orElseThrow().attempts())
                .isEqualTo(2);
    }

    @Test
    void everyKeyCarriesTheRetentionAsItsTimeToLive() {
        store().complete(claimed(delivery("a", "body")), "done", clock.instant());

        List<String> keys = RedisTestServer.keys(prefix);

        assertThat(keys).containsExactlyInAnyOrder(prefix + "event:workflow_complete:a", prefix + "received",
                prefix + "id:a");
        assertThat(keys).allSatisfy(key -> assertThat(RedisTestServer.commands().pttl(key))
                .isBetween(RETENTION.minusMinutes(1).toMillis(), RETENTION.toMillis()));
    }

    @Test
    void instantsAreKeptToTheMicrosecond() {
        clock.advance(Duration.ofNanos(123_456_789));
        Instant now = clock.instant();

        Claim claim = claimed(delivery("a", "body"));

        WebhookEvent row = store().find(WebhookType.WORKFLOW_COMPLETE, new WebhookId("a")).orElseThrow();
        assertThat(row.receivedAt()).isEqualTo(now.truncatedTo(ChronoUnit.MICROS));
        assertThat(row.lockedUntil()).isEqualTo(now.plus(LEASE).truncatedTo(ChronoUnit.MICROS))
                .isEqualTo(claim.lockedUntil());
    }

    @Test
    void storesWithOtherKeyPrefixesDoNotSeeEachOthersEvents() {
        claimed(delivery("a", "body"));
        String otherPrefix = RedisTestServer.uniquePrefix();
        try (RedisWebhookEventStore other = new RedisWebhookEventStore(RedisTestServer.settings(otherPrefix, RETENTION))) {
            assertThat(other.find(WebhookType.WORKFLOW_COMPLETE, new WebhookId("a"))).isEmpty();
            assertThat(other.claim(policy.claimRequest(delivery("a", "body"), clock.instant())))
                    .isInstanceOf(ClaimOutcome.Claimed.class);
        } finally {
            RedisTestServer.deleteKeys(otherPrefix);
        }
    }

    @Test
    void eventsRedisHasAlreadyExpiredAreSkippedAndTheirIndexEntriesCleanedUp() {
        Instant expiredAt = clock.instant();
        claimed(delivery("expired", "x"));
        clock.advance(Duration.ofHours(1));
        claimed(delivery("kept", "x"));
        RedisTestServer.commands().del(prefix + "event:workflow_complete:expired");

        assertThat(store().findRecent(2)).extracting(event -> event.webhookId().value()).containsExactly("kept");
        assertThat(store().findByWebhookId(new WebhookId("expired"))).isEmpty();

        assertThat(store().deleteOlderThan(expiredAt.plusSeconds(1), 10)).isEqualTo(1);
        assertThat(RedisTestServer.keys(prefix)).containsExactlyInAnyOrder(
                prefix + "event:workflow_complete:kept", prefix + "received", prefix + "id:kept");
    }

    @Test
    void cleanupOfEveryEventLeavesNoKeyBehind() {
        store().complete(claimed(delivery("a", "x")), "done", clock.instant());
        Delivery github = new Delivery(WebhookType.GITHUB, delivery("a", "x").key(), null, null);
        store().fail(claimed(github), "boom", clock.instant());
        clock.advance(RETENTION.plusSeconds(1));

        assertThat(store().deleteOlderThan(policy.retentionCutoff(clock.instant()), 10)).isEqualTo(2);

        assertThat(RedisTestServer.keys(prefix)).isEmpty();
    }

    @Test
    void eventWithoutOptionalFieldsRoundTrips() {
        Delivery github = new Delivery(WebhookType.GITHUB, delivery("g", "x").key(), null, null);
        store().complete(claimed(github), null, clock.instant());

        WebhookEvent row = store().find(WebhookType.GITHUB, new WebhookId("g")).orElseThrow();

        assertThat(row.adwId()).isNull();
        assertThat(row.issueNumber()).isNull();
        assertThat(row.response()).isNull();
        assertThat(row.lockedUntil()).isNull();
        assertThat(claim(github)).isEqualTo(new ClaimOutcome.Duplicate(null, clock.instant()));
    }

    private RedisWebhookEventStore open() {
        RedisWebhookEventStore store = new RedisWebhookEventStore(RedisTestServer.settings(prefix, RETENTION));
        opened.add(store);
        return store;
    }

    /** Claims one delivery from many threads at once, spread over the stores (one connection each). */
    private List<ClaimOutcome> claimConcurrently(List<RedisWebhookEventStore> stores, int threads, Delivery delivery)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ClaimOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                WebhookEventStore store = stores.get(i % stores.size());
                Callable<ClaimOutcome> task = () -> {
                    start.await();
                    return store.claim(policy.claimRequest(delivery, clock.instant()));
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<ClaimOutcome> outcomes = new ArrayList<>();
            for (Future<ClaimOutcome> future : futures) {
                outcomes.add(future.get(30, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
