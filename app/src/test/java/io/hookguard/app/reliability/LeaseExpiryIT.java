package io.hookguard.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.app.JarProcess;
import io.hookguard.persistence.redis.RedisTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 4: an attempt outlives its lease (2 s) because its handler is slow: the test holds the issue's phase rows
 * locked from a connection of its own, and the jar waits for them (lock timeout 30 s, ample on a busy machine).
 * The retry is sent 3 s after the first attempt is seen waiting for those rows, so after its lease. Nothing in the
 * product is switched for the test.
 */
class LeaseExpiryIT {

    private static final Map<String, String> SLOW = Map.of("HOOKGUARD_LEASE", "2s", "HOOKGUARD_LOCK_TIMEOUT", "30s");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @RegisterExtension
    static final ScenarioDatabase DATABASE = new ScenarioDatabase();


    /**
     * With keys in the database, claim, effect and completion are one transaction: the retry's claim waits on the
     * slow attempt's uncommitted row however old its lease, so it can never overtake; it is answered as a duplicate.
     */
    @Test
    void inTheDatabaseARetryWaitsForTheSlowAttemptAndIsAnsweredAsDuplicate() throws Exception {
        try (Fleet fleet = new Fleet("lease-expiry-database", DATABASE, SLOW)) {
            JarProcess jar = fleet.start();
            Delivery delivery = Delivery.completion(0, 1);
            Phases.plan(DATABASE, 1, 1);

            Outcome outcome = slowAttemptAndRetry(jar, delivery, 1,
                    () -> DATABASE.number("SELECT count(*) FROM webhook_events"));

            assertThat(outcome.stale().statusCode()).isEqualTo(200);
            assertThat(outcome.stale().headers().firstValue("Idempotent-Replayed")).isEmpty();
            assertThat(outcome.stale().body()).contains("\"phase_updated\":true");
            assertThat(outcome.retry().statusCode()).isEqualTo(200);
            assertThat(outcome.retry().headers().firstValue("Idempotent-Replayed")).hasValue("true");
            long attempts = DATABASE.number("SELECT attempts FROM webhook_events WHERE webhook_id = ?",
                    delivery.webhookId());
            long completions = completionsOfIssue1();
            Figures.record("lease-expiry", "store", "database", "lease", "2s", "handler", "~4s",
                    "records_committed_while_slow", outcome.attemptWhileSlow(), "slow_attempt", outcome.stale().statusCode(),
                    "retry", outcome.retry().statusCode() + "(replayed)", "stored_attempts", attempts,
                    "phase_completions", completions);
            assertThat(attempts).isEqualTo(1);
            assertThat(completions).isEqualTo(1);
            assertThat(outcome.attemptWhileSlow()).as("nothing committed while the first attempt runs").isZero();
        }
    }

    /**
     * With keys in Redis the lease is what fences: the retry re-claims (attempt 2) and waits on the same rows; when
     * they are released the stale attempt applies its change first, but its completion is refused (its attempt no
     * longer owns the key), so its transaction rolls back and it answers 409; the retry then applies and completes.
     */
    @Test
    void inRedisTheStaleAttemptIsFencedAndTheRetryCompletesOnce() throws Exception {
        // only this scenario needs Redis: without it, this one is skipped and the database one still reports as run
        String redisUrl = RedisTestServer.url();
        String prefix = RedisTestServer.uniquePrefix();
        Map<String, String> redis = new java.util.HashMap<>(SLOW);
        redis.putAll(Map.of("HOOKGUARD_STORE", "redis", "HOOKGUARD_REDIS_URL", redisUrl,
                "HOOKGUARD_REDIS_PREFIX", prefix));
        try (Fleet fleet = new Fleet("lease-expiry-redis", DATABASE, redis)) {
            JarProcess jar = fleet.start();
            Delivery delivery = Delivery.completion(0, 2);
            Phases.plan(DATABASE, 2, 1);
            String key = prefix + "event:workflow_complete:" + delivery.webhookId();

            Outcome outcome = slowAttemptAndRetry(jar, delivery, 2,
                    () -> Long.parseLong(RedisTestServer.commands().hget(key, "attempts")));

            assertThat(outcome.attemptWhileSlow()).as("the retry re-claimed after the lease").isEqualTo(2);
            assertThat(outcome.stale().statusCode()).as("the stale attempt is fenced").isEqualTo(409);
            assertThat(outcome.retry().statusCode()).isEqualTo(200);
            assertThat(outcome.retry().headers().firstValue("Idempotent-Replayed")).isEmpty();
            assertThat(outcome.retry().body()).contains("\"phase_updated\":true", "\"next_phase_triggered\":true");
            Map<String, String> stored = RedisTestServer.commands().hgetall(key);
            long completions = DATABASE.number("SELECT count(*) FROM reliability_phase_writes WHERE queue_id = ?"
                    + " AND status = 'completed'", Phases.queueId(2, 1));
            Figures.record("lease-expiry", "store", "redis", "lease", "2s", "handler", "~4s",
                    "retry_claimed_while_slow", "attempt" + outcome.attemptWhileSlow(),
                    "slow_attempt", outcome.stale().statusCode() + "(fenced)", "retry", outcome.retry().statusCode(),
                    "stored_attempts", stored.get("attempts"), "stored_status", stored.get("status"),
                    "phase_completions", completions);
            assertThat(stored).containsEntry("status", "COMPLETED").containsEntry("attempts", "2");
            assertThat(completions).as("committed completions of the phase").isEqualTo(1);
            assertThat(DATABASE.rows("SELECT status FROM phase_queue WHERE parent_issue = 2 ORDER BY phase_number"))
                    .extracting(row -> row[0]).containsExactly("completed", "ready");
        } finally {
            RedisTestServer.deleteKeys(prefix);
        }
    }

    private interface Probe {
        long read() throws Exception;
    }

    /** The slow attempt's answer, the retry's, and what {@code probe} read while both were waiting. */
    private record Outcome(HttpResponse<String> stale, HttpResponse<String> retry, long attemptWhileSlow) {
    }

    private static Outcome slowAttemptAndRetry(JarProcess jar, Delivery delivery, int issue, Probe probe)
            throws Exception {
        try (Connection holder = DATABASE.connect()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("SELECT * FROM phase_queue WHERE parent_issue = " + issue + " FOR UPDATE");
            }
            CompletableFuture<HttpResponse<String>> stale = send(jar, delivery);
            // the first attempt has claimed and now waits for the rows (on a cold, busy machine that may take seconds)
            DATABASE.awaitLockWaiters(1, Duration.ofSeconds(20));
            Thread.sleep(3_000); // its lease (2 s) runs out while it waits
            assertThat(stale).as("the first attempt is still waiting for the rows").isNotDone();
            CompletableFuture<HttpResponse<String>> retry = send(jar, delivery);
            // the retry waits too: on the first attempt's uncommitted claim (database) or on the rows (Redis)
            DATABASE.awaitLockWaiters(2, Duration.ofSeconds(20));
            long whileSlow = probe.read();
            assertThat(List.of(stale, retry)).as("both attempts wait for the rows").noneMatch(CompletableFuture::isDone);
            holder.rollback();
            return new Outcome(stale.get(40, TimeUnit.SECONDS), retry.get(40, TimeUnit.SECONDS), whileSlow);
        }
    }

    private static long completionsOfIssue1() throws Exception {
        return DATABASE.number("SELECT count(*) FROM reliability_phase_writes WHERE queue_id = ? AND status = 'completed'",
                Phases.queueId(1, 1));
    }

    private static CompletableFuture<HttpResponse<String>> send(JarProcess jar, Delivery delivery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jar.port() + delivery.path()))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        for (int i = 0; i + 1 < delivery.headers().size(); i += 2) {
            request.header(delivery.headers().get(i), delivery.headers().get(i + 1));
        }
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
