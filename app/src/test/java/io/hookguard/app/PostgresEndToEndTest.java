package io.hookguard.app;

import static io.hookguard.app.RunningServers.clientOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.persistence.testing.PostgresTestDatabase;
import io.hookguard.persistence.testing.TcpProxy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real app over real HTTP on PostgreSQL: the scenarios Hookguard exists for. */
class PostgresEndToEndTest {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @RegisterExtension
    final RunningServers servers = new RunningServers();

    private static final String DUPLICATE_BODY = "{\"success\":true,\"message\":\"Duplicate webhook - already processed\","
            + "\"phase_updated\":false,\"next_phase_triggered\":false}";

    @BeforeEach
    void emptyTables() {
        DATABASE.reset();
    }

    private Hookguard start() {
        return servers.start(Map.of("HOOKGUARD_DATABASE_URL", DATABASE.settings().jdbcUrl()));
    }

    private static int rows(String table) {
        return DATABASE.database().dsl().fetchCount(DSL.table(DSL.name(table)));
    }

    private static String statusesOfIssue(HookguardClient client, int issue) {
        String body = client.get("/api/v1/queue/" + issue).body();
        Matcher matcher = Pattern.compile("\"status\":\"([a-z]+)\"").matcher(body);
        List<String> statuses = new ArrayList<>();
        while (matcher.find()) {
            statuses.add(matcher.group(1));
        }
        return String.join(",", statuses);
    }

    @Test
    void completionIsProcessedOnceAndItsResendIsAnsweredAsDuplicate() {
        HookguardClient client = clientOf(start());
        assertThat(client.createPhases(42, "q-1", "q-2", "q-3").statusCode()).isEqualTo(201);
        String completion = HookguardClient.completion("adw-1", "q-1", 42);

        HttpResponse<String> first = client.completeWorkflow(completion);
        HttpResponse<String> resend = client.completeWorkflow(completion);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"phase_updated\":true", "\"next_phase_triggered\":true");
        assertThat(first.headers().firstValue("X-Webhook-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(64));
        assertThat(resend.statusCode()).isEqualTo(200);
        assertThat(resend.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(resend.body()).isEqualTo(DUPLICATE_BODY);
        assertThat(rows("webhook_events")).isEqualTo(1);
        assertThat(statusesOfIssue(client, 42)).isEqualTo("completed,ready,queued");
    }

    @Test
    void fortyConcurrentCopiesOnTwoInstancesAdvanceTheQueueOnce() throws Exception {
        HookguardClient first = clientOf(start());
        HookguardClient second = clientOf(start());
        first.createPhases(7, "q-a", "q-b", "q-c");
        String completion = HookguardClient.completion("adw-storm", "q-a", 7);

        List<HttpResponse<String>> responses = sendConcurrently(40, i -> (i % 2 == 0 ? first : second)
                .completeWorkflow(completion));

        long processed = responses.stream().filter(r -> r.statusCode() == 200
                && r.headers().firstValue("Idempotent-Replayed").isEmpty()).count();
        long duplicates = responses.stream().filter(r -> r.statusCode() == 200
                && r.headers().firstValue("Idempotent-Replayed").isPresent()).count();
        long inFlight = responses.stream().filter(r -> r.statusCode() == 409).count();
        assertThat(processed).isEqualTo(1);
        assertThat(duplicates + inFlight).isEqualTo(39);
        assertThat(rows("webhook_events")).isEqualTo(1);
        assertThat(statusesOfIssue(first, 7)).isEqualTo("completed,ready,queued");
    }

    @Test
    void recordSurvivesARestart() {
        Hookguard hookguard = start();
        clientOf(hookguard).createPhases(5, "q-5a", "q-5b");
        String completion = HookguardClient.completion("adw-5", "q-5a", 5);
        assertThat(clientOf(hookguard).completeWorkflow(completion).statusCode()).isEqualTo(200);

        servers.stop(hookguard);
        HttpResponse<String> resend = clientOf(start()).completeWorkflow(completion);

        assertThat(resend.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(rows("webhook_events")).isEqualTo(1);
    }

    @Test
    void databaseOutageAnswers503AndTheRetryIsProcessedAfterRecovery() throws Exception {
        try (TcpProxy proxy = TcpProxy.inFrontOf(DATABASE.settings().jdbcUrl())) {
            String proxied = proxy.route(DATABASE.settings().jdbcUrl());
            HookguardClient client = clientOf(servers.start(Map.of("HOOKGUARD_DATABASE_URL", proxied)));
            client.createPhases(9, "q-9a", "q-9b");
            String completion = HookguardClient.completion("adw-9", "q-9a", 9);

            proxy.cut();
            HttpResponse<String> duringOutage = client.completeWorkflow(completion);
            HttpResponse<String> readiness = client.get("/health/ready");

            assertThat(duringOutage.statusCode()).as("%s %s", duringOutage.body(), duringOutage.headers().map()).isEqualTo(503);
            assertThat(duringOutage.headers().firstValue("Retry-After")).isPresent();
            assertThat(duringOutage.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(client.get("/health/live").statusCode()).isEqualTo(200);

            proxy.start();
            awaitReady(client);
            HttpResponse<String> retry = client.completeWorkflow(completion);

            assertThat(retry.statusCode()).isEqualTo(200);
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
            assertThat(statusesOfIssue(client, 9)).isEqualTo("completed,ready");
        }
    }

    @Test
    void metricsCountIntakeOutcomes() {
        HookguardClient client = clientOf(start());
        client.createPhases(11, "q-11");
        String completion = HookguardClient.completion("adw-11", "q-11", 11);
        client.completeWorkflow(completion);
        client.completeWorkflow(completion);

        String metrics = client.get("/metrics").body();

        assertThat(metrics)
                .contains("hookguard_intake_total{outcome=\"processed\",type=\"workflow_complete\"} 1.0")
                .contains("hookguard_intake_total{outcome=\"duplicate\",type=\"workflow_complete\"} 1.0")
                .contains("hookguard_intake_latency_seconds_bucket")
                .contains("hikaricp_connections")
                .contains("jetty_threads_busy")
                .contains("jvm_memory_used_bytes");
    }

    static void awaitReady(HookguardClient client) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.get("/health/ready").statusCode() != 200) {
            assertThat(System.nanoTime()).as("ready again within 30 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    interface Send {
        HttpResponse<String> send(int index);
    }

    static List<HttpResponse<String>> sendConcurrently(int copies, Send send) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                int index = i;
                Callable<HttpResponse<String>> task = () -> {
                    start.await();
                    return send.send(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
