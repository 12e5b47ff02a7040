package io.hookguard.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.app.JarProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input: seeded random, mutated and malformed requests on both intake endpoints of the real jar, with signatures
 * configured; half are validly signed, half forged. No input may get a 5xx, a forged one never a 2xx, every error is
 * problem+json, and nothing a forged request carried is ever written. 10,000 inputs in CI, 100,000 in the full run;
 * {@code -Dhookguard.fuzz.seed=N} explores other inputs.
 */
class IntakeFuzzIT {

    private static final long SEED = Long.getLong("hookguard.fuzz.seed", 20261128L);
    private static final int THREADS = 8;

    @RegisterExtension
    static final ScenarioDatabase DATABASE = new ScenarioDatabase();

    private record Answer(FuzzInputs.Input input, int status, String contentType, String webhookId) {
    }

    @Test
    void noInputGets5xxAndNoForgedInputIsAcceptedOrWritten() throws Exception {
        int inputs = FullRun.size(10_000, 100_000);
        try (Fleet fleet = new Fleet("fuzz", DATABASE, Map.of())) {
            JarProcess jar = fleet.start();
            Phases.plan(DATABASE, FuzzInputs.SIGNED_ISSUES_FROM, FuzzInputs.ISSUES);
            Phases.plan(DATABASE, FuzzInputs.FORGED_ISSUES_FROM, FuzzInputs.ISSUES);
            FuzzInputs generator = new FuzzInputs(SEED);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            long started = System.nanoTime();
            for (int t = 0; t < THREADS; t++) {
                pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < inputs; n = next.getAndIncrement()) {
                        FuzzInputs.Input input;
                        synchronized (generator) {
                            input = generator.next(n);
                        }
                        try {
                            answers.add(send(http, jar, input));
                        } catch (IOException | RuntimeException e) {
                            failures.add("input " + n + ": " + e);
                        }
                    }
                    return null;
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(20, TimeUnit.MINUTES)).isTrue();
            double seconds = (System.nanoTime() - started) / 1e9;

            Map<Integer, Long> signedStatuses = new TreeMap<>();
            Map<Integer, Long> forgedStatuses = new TreeMap<>();
            Set<String> signedIds = ConcurrentHashMap.newKeySet();
            for (Answer answer : answers) {
                (answer.input().signed() ? signedStatuses : forgedStatuses).merge(answer.status(), 1L, Long::sum);
                if (answer.input().signed() && answer.webhookId() != null) {
                    signedIds.add(answer.webhookId());
                }
            }
            List<Answer> serverErrors = answers.stream().filter(a -> a.status() >= 500).toList();
            List<Answer> forgedAccepted = answers.stream().filter(a -> !a.input().signed() && a.status() < 400).toList();
            List<Answer> notProblems = answers.stream().filter(a -> a.status() >= 400
                    && (a.contentType() == null || !a.contentType().startsWith("application/problem+json"))).toList();
            long forgedRows = DATABASE.number("SELECT count(*) FROM phase_queue WHERE parent_issue >= ?"
                    + " AND (adw_id IS NOT NULL OR status NOT IN ('ready', 'queued') OR (phase_number = 1 AND status <> 'ready'))",
                    FuzzInputs.FORGED_ISSUES_FROM)
                    + DATABASE.number("SELECT count(*) FROM github_deliveries WHERE delivery_id LIKE 'forged-%'"
                            + " OR repository = 'octo/forged'")
                    + DATABASE.number("SELECT count(*) FROM webhook_events WHERE adw_id LIKE 'forged%'"
                            + " OR webhook_id LIKE 'forged-%' OR issue_number >= ?", FuzzInputs.FORGED_ISSUES_FROM);
            long unexplainedRows = DATABASE.rows("SELECT webhook_id FROM webhook_events").stream()
                    .filter(row -> !signedIds.contains(row[0])).count();
            long signed = signedStatuses.values().stream().mapToLong(Long::longValue).sum();
            Figures.record("fuzz", "inputs", inputs, "seed", SEED, "signed", signed, "forged", answers.size() - signed,
                    "5xx", serverErrors.size(), "forged_2xx", forgedAccepted.size(), "rows_from_forged", forgedRows,
                    "rows_not_from_signed", unexplainedRows, "not_problem_json", notProblems.size(),
                    "transport_errors", failures.size(), "rate", Math.round(inputs / seconds) + "/s",
                    "signed_statuses", signedStatuses.toString().replace(" ", ""),
                    "forged_statuses", forgedStatuses.toString().replace(" ", ""));

            assertThat(failures).isEmpty();
            assertThat(answers).hasSize(inputs);
            assertThat(serverErrors).extracting(answer -> answer.status() + " " + answer.input().describe()).isEmpty();
            assertThat(forgedAccepted).isEmpty();
            assertThat(forgedStatuses).containsKey(401).allSatisfy((status, count) -> assertThat(status).isBetween(400, 499));
            assertThat(notProblems).isEmpty();
            assertThat(forgedRows).as("rows written by forged requests").isZero();
            assertThat(unexplainedRows).as("stored keys no signed request was answered with").isZero();
            assertThat(signedStatuses).as("the fuzz reaches the use cases as well as the parsers")
                    .containsKeys(200, 400, 404);
        }
    }

    private static Answer send(HttpClient http, JarProcess jar, FuzzInputs.Input input)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jar.port() + input.path()))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(input.body()));
        List<String> headers = input.headers();
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        return new Answer(input, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("X-Webhook-Id").orElse(null));
    }
}
