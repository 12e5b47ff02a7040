package io.hookguard.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookguard.domain.idempotency.Claim;
import io.hookguard.domain.idempotency.ClaimOutcome;
import io.hookguard.domain.idempotency.ClaimRequest;
import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.DeliveryKey;
import io.hookguard.domain.idempotency.Fingerprint;
import io.hookguard.domain.idempotency.IdempotencyPolicy;
import io.hookguard.domain.idempotency.StoreUnavailableException;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.testing.MutableClock;
import io.hookguard.persistence.testing.TcpProxy;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store while Redis is unreachable or silent: it fails promptly as unavailable and recovers without restart. */
class RedisWebhookEventStoreOutageTest {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
    /** The command timeout plus slack for a busy two-core machine; far below "queued forever". */
    private static final Duration PROMPTLY = Duration.ofSeconds(3);
    private static final Duration RECOVERY = Duration.ofSeconds(15);

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    private final IdempotencyPolicy policy = IdempotencyPolicy.defaults();
    private final String prefix = RedisTestServer.uniquePrefix();
    private final List<RedisWebhookEventStore> opened = new ArrayList<>();
    private TcpProxy proxy;

    @AfterEach
    void closeEverything() throws IOException {
        opened.forEach(RedisWebhookEventStore::close);
        if (proxy != null) {
            proxy.close();
            RedisTestServer.deleteKeys(prefix);
        }
    }

    @Test
    void storeOnAClosedPortIsUnavailableAndEveryCallFailsPromptly() throws IOException {
        RedisWebhookEventStore store = open("redis://127.0.0.1:" + closedPort());
        Claim claim = new Claim(WebhookType.GITHUB, new WebhookId("a"), 1, clock.instant().plusSeconds(60));

        assertThat(store.isAvailable()).isFalse();
        assertUnavailablePromptly(() -> store.claim(request("a")));
        assertUnavailablePromptly(() -> store.complete(claim, "done", clock.instant()));
        assertUnavailablePromptly(() -> store.fail(claim, "boom", clock.instant()));
        assertUnavailablePromptly(() -> store.find(WebhookType.GITHUB, new WebhookId("a")));
        assertUnavailablePromptly(() -> store.findByWebhookId(new WebhookId("a")));
        assertUnavailablePromptly(() -> store.findRecent(10));
        assertUnavailablePromptly(() -> store.deleteOlderThan(clock.instant(), 10));
    }

    @Test
    void storeOpenedWhileRedisIsDownWorksOnceRedisIsUp() throws IOException {
        startProxy();
        proxy.cut();
        RedisWebhookEventStore store = open(proxyUrl());
        assertThat(store.isAvailable()).isFalse();
        assertUnavailablePromptly(() -> store.claim(request("a")));

        proxy.start();

        awaitAvailable(store);
        assertThat(store.claim(request("a"))).isInstanceOf(ClaimOutcome.Claimed.class);
    }

    @Test
    void storeRecoversWithoutRestartAfterRedisWentAway() throws IOException {
        startProxy();
        RedisWebhookEventStore store = open(proxyUrl());
        ClaimOutcome.Claimed first = (ClaimOutcome.Claimed) store.claim(request("a"));

        proxy.cut();

        assertUnavailablePromptly(() -> store.claim(request("a")));
        assertThat(store.isAvailable()).isFalse();

        proxy.start();

        awaitAvailable(store);
        assertThat(store.claim(request("a"))).isEqualTo(new ClaimOutcome.InFlight(first.claim().lockedUntil()));
        assertThat(store.complete(first.claim(), "done", clock.instant())).isTrue();
    }

    @Test
    void commandsTimeOutPromptlyWhenRedisStopsAnswering() throws IOException {
        startProxy();
        RedisWebhookEventStore store = open(proxyUrl());
        assertThat(store.isAvailable()).isTrue();

        proxy.silence();

        assertUnavailablePromptly(() -> store.claim(request("a")));
        assertThat(store.isAvailable()).isFalse();
    }

    private RedisWebhookEventStore open(String url) {
        RedisWebhookEventStore store = new RedisWebhookEventStore(
                new RedisSettings(url, COMMAND_TIMEOUT, IdempotencyPolicy.DEFAULT_RETENTION, prefix));
        opened.add(store);
        return store;
    }

    private void startProxy() throws IOException {
        RedisURI live = RedisURI.create(RedisTestServer.url());
        proxy = new TcpProxy(live.getHost(), live.getPort()).start();
    }

    /** The live server's URL (password, database and all) with the proxy's address in place of the server's. */
    private String proxyUrl() {
        RedisURI viaProxy = RedisURI.create(RedisTestServer.url());
        viaProxy.setHost("127.0.0.1");
        viaProxy.setPort(proxy.port());
        return viaProxy.toURI().toString();
    }

    private ClaimRequest request(String id) {
        Delivery delivery = Delivery.of(WebhookType.GITHUB, new DeliveryKey(new WebhookId(id), Fingerprint.of(id)));
        return policy.claimRequest(delivery, clock.instant());
    }

    private static void assertUnavailablePromptly(ThrowingCallable call) {
        long started = System.nanoTime();
        assertThatThrownBy(call).isInstanceOf(StoreUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
    }

    private static void awaitAvailable(RedisWebhookEventStore store) {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (!store.isAvailable()) {
            assertThat(System.nanoTime()).as("store available again within %s", RECOVERY).isLessThan(deadline);
            sleep(Duration.ofMillis(50));
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
