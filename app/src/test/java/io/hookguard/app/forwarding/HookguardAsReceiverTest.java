package io.hookguard.app.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hookguard.app.Hookguard;
import io.hookguard.app.HookguardClient;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second Hookguard as the backend: Hookguard A (PostgreSQL) forwards its phase events to a {@code
 * standard-webhooks} source of Hookguard B (embedded H2 in a temporary directory), whose secret is A's destination
 * secret and whose key is the default {@code webhook-id}. B processes each message once and answers every
 * redelivery as a duplicate; a message signed with another secret is refused and stores nothing. Between A and B
 * a pass-through recorder keeps B's answers, so that the test sees {@code Idempotent-Replayed} as A received it.
 */
class HookguardAsReceiverTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A secret that is not A's: B's {@code wary} source verifies with it, so A's signatures fail there. */
    private static final String OTHER_SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("another-receivers-secret-32bytes".getBytes(StandardCharsets.US_ASCII));

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @RegisterExtension
    final Servers servers = new Servers();

    @TempDir
    Path directory;

    private HookguardClient b;
    private Recorder recorder;

    @BeforeEach
    void startTheReceivingHookguard() throws Exception {
        DATABASE.reset();
        Path file = directory.resolve("b.yaml");
        Files.writeString(file, """
                sources:
                  peer:
                    verify: standard-webhooks
                    secrets: ["%s"]
                    event: json:/type
                  wary:
                    verify: standard-webhooks
                    secrets: ["%s"]
                """.formatted(ForwardingFile.SECRET, OTHER_SECRET));
        Path data = Files.createDirectories(directory.resolve("b-data"));
        Map<String, String> env = new HashMap<>(Map.of(
                "HOOKGUARD_DATA_DIR", data.toString(),
                "HOOKGUARD_WEBHOOK_SECRET", Servers.WEBHOOK_SECRET,
                "HOOKGUARD_ADMIN_TOKEN", Servers.ADMIN_TOKEN,
                "HOOKGUARD_CLEANUP_INTERVAL", "1h",
                "HOOKGUARD_SHUTDOWN_GRACE", "2s",
                "HOOKGUARD_CONFIG", file.toString()));
        Hookguard receiving = servers.start(env);
        b = Servers.client(receiving.port());
        recorder = Recorder.start("http://127.0.0.1:" + receiving.port());
    }

    @AfterEach
    void stopRecorder() {
        recorder.close();
    }

    /**
     * Hookguard A on PostgreSQL, forwarding the phase queue's events to {@code destination}, which is B's source
     * {@code source} (through the recorder), with the retry schedule {@code retry}.
     */
    private HookguardClient startA(String destination, String source, String retry) throws Exception {
        Path file = ForwardingFile.create()
                .workflowCompleteForwardsTo(destination)
                .http(destination, recorder.url("/api/v1/webhooks/" + source), retry)
                .writeTo(directory);
        Hookguard a = servers.start(Servers.environment(DATABASE.settings().jdbcUrl(), file));
        return Servers.client(a.port());
    }

    @Test
    void redeliveredMessagesAreAcceptedByTheSecondHookguardAsDuplicatesOfTheOnesItProcessed() throws Exception {
        HookguardClient a = startA("to_peer", "peer", "[1s, 1s]");
        a.createPhases(42, "q-1", "q-2");

        assertThat(a.completeWorkflow(HookguardClient.completion("adw-1", "q-1", 42)).statusCode()).isEqualTo(200);
        Await.until(() -> ids(a.get("/api/v1/messages?destination=to_peer&status=delivered")).size() == 2, WITHIN,
                () -> a.get("/api/v1/messages").body());
        List<String> messages = ids(a.get("/api/v1/messages?destination=to_peer"));

        List<JsonNode> processed = eventsOf(b, "peer");
        assertThat(processed).as("B's deliveries of source peer").hasSize(2)
                .allSatisfy(event -> assertThat(event.get("processed").asBoolean()).isTrue());
        assertThat(processed.stream().map(event -> event.get("webhook_id").asText()))
                .containsExactlyInAnyOrderElementsOf(messages);
        assertThat(processed.stream().map(event -> event.get("event_type").asText()))
                .containsExactlyInAnyOrder("phase.completed", "phase.ready");
        assertThat(recorder.answers()).as("B's first answers").hasSize(2)
                .allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200))
                .allSatisfy(answer -> assertThat(answer.replayed()).isNull());

        for (String id : messages) {
            HttpResponse<String> redelivered = a.post("/api/v1/messages/" + id + "/redeliver");
            assertThat(redelivered.statusCode()).isEqualTo(202);
            assertThat(redelivered.body()).isEqualTo("{\"redelivered\":1}");
        }
        for (String id : messages) {
            Await.until(() -> attempts(a, id).size() == 2, WITHIN, () -> a.get("/api/v1/messages/" + id).body());
            assertThat(attempts(a, id)).as("A's attempts of %s", id)
                    .allSatisfy(attempt -> assertThat(attempt.get("status_code").asInt()).isEqualTo(200))
                    .allSatisfy(attempt -> assertThat(attempt.get("outcome").asText()).isEqualTo("delivered"));
        }

        List<Recorder.Answer> answers = recorder.answers();
        assertThat(answers).hasSize(4);
        assertThat(answers.subList(2, 4)).as("B's answers to the redeliveries")
                .allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200))
                .allSatisfy(answer -> assertThat(answer.replayed()).isEqualTo("true"));
        assertThat(answers.subList(2, 4).stream().map(Recorder.Answer::webhookId))
                .containsExactlyInAnyOrderElementsOf(messages);
        assertThat(answers.get(2).body()).as("a duplicate is answered as the original was")
                .isEqualTo(answers.stream().filter(answer -> answer.webhookId().equals(answers.get(2).webhookId()))
                        .findFirst().orElseThrow().body());
        assertThat(eventsOf(b, "peer")).as("B still has exactly the two deliveries").hasSize(2);
        for (String id : messages) {
            JsonNode stored = JSON.readTree(b.get("/api/v1/webhook-events/" + id).body()).get("events");
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).get("attempts").asInt()).isEqualTo(1);
            assertThat(StreamSupport.stream(stored.get(0).get("request_headers").spliterator(), false)
                    .filter(header -> header.get("name").asText().equalsIgnoreCase("webhook-id"))
                    .map(header -> header.get("value").asText()))
                    .as("B's stored request of %s", id).containsExactly(id);
        }
    }

    @Test
    void messagesSignedWithAnotherSecretAreRefusedAndTheSecondHookguardStoresNothing() throws Exception {
        HookguardClient a = startA("to_wary", "wary", "[]");
        a.createPhases(7, "w-1", "w-2");

        a.completeWorkflow(HookguardClient.completion("adw-w", "w-1", 7));
        Await.until(() -> ids(a.get("/api/v1/messages?destination=to_wary&status=dead")).size() == 2, WITHIN,
                () -> a.get("/api/v1/messages").body());
        HttpResponse<String> bulk = a.post("/api/v1/messages/redeliver?destination=to_wary&status=dead");
        assertThat(bulk.statusCode()).isEqualTo(202);
        assertThat(bulk.body()).isEqualTo("{\"redelivered\":2}");
        List<String> messages = ids(a.get("/api/v1/messages?destination=to_wary"));
        for (String id : messages) {
            Await.until(() -> attempts(a, id).size() == 2
                    && ids(a.get("/api/v1/messages?destination=to_wary&status=dead")).contains(id), WITHIN,
                    () -> a.get("/api/v1/messages/" + id).body());
        }

        assertThat(messages).hasSize(2);
        for (String id : messages) {
            assertThat(attempts(a, id)).as("A's attempts of %s", id).hasSize(2)
                    .allSatisfy(attempt -> assertThat(attempt.get("status_code").asInt()).isEqualTo(401))
                    .allSatisfy(attempt -> assertThat(attempt.get("detail").asText()).contains("webhook-signature"));
        }
        assertThat(recorder.answers()).hasSize(4).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(401));
        assertThat(JSON.readTree(b.get("/api/v1/webhook-events?limit=500").body()).get("events"))
                .as("B stored nothing").isEmpty();
    }

    private static List<String> ids(HttpResponse<String> listing) {
        assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
        try {
            return StreamSupport.stream(JSON.readTree(listing.body()).get("messages").spliterator(), false)
                    .map(message -> message.get("id").asText()).toList();
        } catch (IOException e) {
            throw new AssertionError(listing.body(), e);
        }
    }

    private static List<JsonNode> attempts(HookguardClient a, String id) {
        HttpResponse<String> shown = a.get("/api/v1/messages/" + id);
        try {
            return StreamSupport.stream(JSON.readTree(shown.body()).get("attempts").spliterator(), false).toList();
        } catch (IOException e) {
            throw new AssertionError(shown.body(), e);
        }
    }

    /** B's stored webhook events of {@code source}, through its operator API. */
    private static List<JsonNode> eventsOf(HookguardClient b, String source) throws IOException {
        HttpResponse<String> recent = b.get("/api/v1/webhook-events?limit=500");
        assertThat(recent.statusCode()).as(recent.body()).isEqualTo(200);
        return StreamSupport.stream(JSON.readTree(recent.body()).get("events").spliterator(), false)
                .filter(event -> source.equals(event.get("webhook_type").asText())).toList();
    }

    /**
     * A pass-through on loopback between A and B: hands each request on unchanged (body and the headers that carry
     * the signature and the message's identity) and keeps B's status, {@code Idempotent-Replayed} and body.
     */
    static final class Recorder implements AutoCloseable {

        record Answer(String webhookId, int status, String replayed, String body) {
        }

        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        private final String target;
        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final List<Answer> answers = new ArrayList<>();

        private Recorder(String target) throws IOException {
            this.target = target;
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setExecutor(threads);
            server.createContext("/", this::handle);
            server.start();
        }

        static Recorder start(String target) throws IOException {
            return new Recorder(target);
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        synchronized List<Answer> answers() {
            return List.copyOf(answers);
        }

        private void handle(HttpExchange exchange) throws IOException {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.equals("content-type") || lower.startsWith("webhook-") || lower.startsWith("hookguard-")) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> answer;
            try {
                answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            synchronized (this) {
                answers.add(new Answer(exchange.getRequestHeaders().getFirst("webhook-id"), answer.statusCode(),
                        answer.headers().firstValue("Idempotent-Replayed").orElse(null),
                        new String(answer.body(), StandardCharsets.UTF_8)));
            }
            answer.headers().firstValue("Content-Type")
                    .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
