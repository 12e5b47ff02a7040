package io.hookguard.app;

import static io.hookguard.app.RunningServers.clientOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.persistence.redis.RedisTestServer;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The app with idempotency keys in Redis and the phase queue in PostgreSQL. Claim and effect cannot share a
 * transaction there; what holds instead is that a re-processed completion is a no-op on the queue.
 */
class RedisEndToEndTest {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @RegisterExtension
    final RunningServers servers = new RunningServers();

    private final String prefix = RedisTestServer.uniquePrefix();

    @BeforeEach
    void emptyTables() {
        DATABASE.reset();
    }

    @AfterEach
    void deleteKeys() {
        RedisTestServer.deleteKeys(prefix);
    }

    private Hookguard start(String keyPrefix) {
        return servers.start(Map.of(
                "HOOKGUARD_DATABASE_URL", DATABASE.settings().jdbcUrl(),
                "HOOKGUARD_STORE", "redis",
                "HOOKGUARD_REDIS_URL", RedisTestServer.url(),
                "HOOKGUARD_REDIS_PREFIX", keyPrefix));
    }

    @Test
    void completionIsProcessedOnceAndItsResendIsAnsweredAsDuplicate() {
        HookguardClient client = clientOf(start(prefix));
        client.createPhases(42, "r-1", "r-2");
        String completion = HookguardClient.completion("adw-r", "r-1", 42);

        HttpResponse<String> first = client.completeWorkflow(completion);
        HttpResponse<String> resend = client.completeWorkflow(completion);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"phase_updated\":true");
        assertThat(resend.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(DATABASE.database().dsl().fetchCount(DSL.table(DSL.name("webhook_events"))))
                .as("keys live in Redis, not in the database").isZero();
        assertThat(RedisTestServer.keys(prefix)).isNotEmpty();
    }

    @Test
    void fortyConcurrentCopiesOnTwoInstancesHaveOneEffect() throws Exception {
        HookguardClient first = clientOf(start(prefix));
        HookguardClient second = clientOf(start(prefix));
        first.createPhases(8, "r-8a", "r-8b");
        String completion = HookguardClient.completion("adw-r8", "r-8a", 8);

        List<HttpResponse<String>> responses = PostgresEndToEndTest.sendConcurrently(40,
                i -> (i % 2 == 0 ? first : second).completeWorkflow(completion));

        assertThat(responses).filteredOn(r -> r.body().contains("\"phase_updated\":true")).hasSize(1);
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 409));
        assertThat(first.get("/api/v1/queue/8").body()).contains("\"status\":\"completed\"", "\"status\":\"ready\"");
    }

    @Test
    void completionProcessedAgainAfterItsKeyWasLostChangesNothing() {
        HookguardClient client = clientOf(start(prefix));
        client.createPhases(3, "r-3a", "r-3b", "r-3c");
        String completion = HookguardClient.completion("adw-r3", "r-3a", 3);
        client.completeWorkflow(completion);
        String queueBefore = client.get("/api/v1/queue/3").body();

        HookguardClient forgetful = clientOf(start(RedisTestServer.uniquePrefix()));
        HttpResponse<String> again = forgetful.completeWorkflow(completion);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(again.body()).contains("\"phase_updated\":false", "\"next_phase_triggered\":false");
        assertThat(client.get("/api/v1/queue/3").body()).isEqualTo(queueBefore);
    }
}
