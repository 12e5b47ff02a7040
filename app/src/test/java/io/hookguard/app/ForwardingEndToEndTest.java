package io.hookguard.app;

import static io.hookguard.app.RunningServers.clientOf;
import static io.hookguard.app.WebhookReceiver.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.MessageId;
import io.hookguard.domain.outbox.OutboundMessage;
import io.hookguard.persistence.JooqOutbox;
import io.hookguard.persistence.JooqUnitOfWork;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import io.hookguard.persistence.testing.TcpProxy;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forwarding through the real app on PostgreSQL to a real receiver on loopback that verifies every request with
 * the Standard Webhooks reference library: delivery, the operator message API, dead messages and their
 * redelivery, metrics, and readiness while a destination is down. Messages are written to the outbox as the
 * intake writes them, in a unit of work of their own.
 */
class ForwardingEndToEndTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final DestinationName BACKEND = new DestinationName("backend");

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @RegisterExtension
    final RunningServers servers = new RunningServers();

    @TempDir
    Path directory;

    private WebhookReceiver receiver;
    private TcpProxy proxy;

    @BeforeEach
    void emptyTablesAndStartTheReceiver() throws IOException {
        DATABASE.reset();
        receiver = new WebhookReceiver(SECRET);
        proxy = new TcpProxy("127.0.0.1", receiver.port()).start();
    }

    @AfterEach
    void stopTheReceiver() throws IOException {
        proxy.close();
        receiver.close();
    }

    private Hookguard startForwardingTo(int port, String retry) throws IOException {
        Path file = directory.resolve("hookguard.yaml");
        Files.writeString(file, """
                sources:
                  workflow_complete:
                    forward: [backend]
                destinations:
                  backend:
                    url: http://127.0.0.1:%d/hooks
                    secret: %s
                    timeout: 2s
                    retry: %s
                """.formatted(port, SECRET, retry));
        return servers.start(Map.of("HOOKGUARD_DATABASE_URL", DATABASE.settings().jdbcUrl(),
                "HOOKGUARD_CONFIG", file.toString()));
    }

    /** Writes {@code count} messages for the backend as the intake does: committed in one unit of work. */
    private static List<String> commitMessages(int count) {
        Instant now = Instant.now();
        List<OutboundMessage> messages = IntStream.range(0, count)
                .mapToObj(i -> new OutboundMessage(MessageId.random(), BACKEND, null, "workflow_complete",
                        "delivery-" + i, "phase.completed", "application/json",
                        ("{\"type\":\"phase.completed\",\"data\":{\"n\":" + i + "}}").getBytes(StandardCharsets.UTF_8),
                        now))
                .toList();
        new JooqUnitOfWork(DATABASE.database()).inTransaction(() -> {
            new JooqOutbox(DATABASE.database()).append(messages);
            return null;
        });
        return messages.stream().map(message -> message.id().value()).toList();
    }

    @Test
    void everyCommittedMessageArrivesOnceWithAValidSignatureAndIsListedAsDelivered() throws IOException {
        HookguardClient client = clientOf(startForwardingTo(proxy.port(), "[1s, 1s]"));

        List<String> ids = commitMessages(12);

        assertThat(awaitUntil(WAIT, () -> receiver.verifiedIds().size() >= ids.size())).isTrue();
        assertThat(receiver.verifiedIds()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(receiver.rejected()).isEmpty();
        WebhookReceiver.Received first = receiver.verified().get(0);
        assertThat(first.headers()).containsEntry("hookguard-source", "workflow_complete")
                .containsEntry("hookguard-event", "phase.completed").containsKey("hookguard-delivery-id");
        assertThat(awaitUntil(WAIT, () -> client.get("/api/v1/messages?destination=backend&status=delivered")
                .body().split("\"id\"").length - 1 == ids.size())).isTrue();
        assertThat(client.get("/api/v1/messages?status=pending").body()).isEqualTo("{\"messages\":[]}");
    }

    @Test
    void aMessageShowsItsAttemptsAndItsRedeliveryArrivesWithTheSameWebhookId() throws IOException {
        HookguardClient client = clientOf(startForwardingTo(proxy.port(), "[1s, 1s]"));
        String id = commitMessages(1).get(0);
        assertThat(awaitUntil(WAIT, () -> client.get("/api/v1/messages/" + id).body()
                .contains("\"status\":\"delivered\""))).isTrue();

        HttpResponse<String> shown = client.get("/api/v1/messages/" + id);
        HttpResponse<String> redelivered = client.post("/api/v1/messages/" + id + "/redeliver");

        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("\"id\":\"" + id + "\"", "\"destination\":\"backend\"",
                "\"attempt_count\":1", "\"status_code\":204", "\"outcome\":\"delivered\"", "\"duration_ms\":",
                "\"body\":{\"type\":\"phase.completed\"");
        assertThat(redelivered.statusCode()).isEqualTo(202);
        assertThat(redelivered.body()).isEqualTo("{\"redelivered\":1}");
        assertThat(awaitUntil(WAIT, () -> receiver.verifiedIds().size() >= 2)).isTrue();
        assertThat(receiver.verifiedIds()).containsExactly(id, id);
        assertThat(awaitUntil(WAIT, () -> client.get("/api/v1/messages/" + id).body()
                .contains("\"attempt_count\":2"))).isTrue();
    }

    @Test
    void aReceiverThatAnswersGoneMakesTheMessageDeadAtOnceAndBulkRedeliveryRevivesIt() throws IOException {
        HookguardClient client = clientOf(startForwardingTo(proxy.port(), "[1s, 1s]"));
        receiver.answer(410);
        String id = commitMessages(1).get(0);

        assertThat(awaitUntil(WAIT, () -> client.get("/api/v1/messages/" + id).body()
                .contains("\"status\":\"dead\""))).isTrue();
        assertThat(client.get("/api/v1/messages/" + id).body()).contains("\"attempt_count\":1",
                "\"status_code\":410", "\"outcome\":\"refused\"");

        receiver.answer(200);
        HttpResponse<String> bulk = client.post("/api/v1/messages/redeliver?destination=backend&status=dead");

        assertThat(bulk.statusCode()).isEqualTo(202);
        assertThat(bulk.body()).isEqualTo("{\"redelivered\":1}");
        assertThat(awaitUntil(WAIT, () -> client.get("/api/v1/messages/" + id).body()
                .contains("\"status\":\"delivered\""))).isTrue();
        assertThat(receiver.verifiedIds()).containsExactly(id, id);
    }

    @Test
    void anUnreachableDestinationKillsMessagesAfterTheScheduleWithoutMakingHookguardUnready() throws IOException {
        proxy.cut();
        HookguardClient client = clientOf(startForwardingTo(proxy.port(), "[1s, 1s]"));
        List<String> ids = commitMessages(3);

        assertThat(awaitUntil(WAIT, () -> client.get("/api/v1/messages?destination=backend&status=dead")
                .body().split("\"id\"").length - 1 == ids.size())).isTrue();
        assertThat(client.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(client.get("/api/v1/messages/" + ids.get(0)).body())
                .contains("\"attempt_count\":3", "\"outcome\":\"failed\"", "cannot connect to 127.0.0.1");
        assertThat(receiver.verified()).isEmpty();

        proxy.start();
        HttpResponse<String> bulk = client.post("/api/v1/messages/redeliver?destination=backend&status=dead");

        assertThat(bulk.body()).isEqualTo("{\"redelivered\":3}");
        assertThat(awaitUntil(WAIT, () -> receiver.verifiedIds().size() >= ids.size())).isTrue();
        assertThat(receiver.verifiedIds()).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void metricsShowMessagesByStateAttemptsByOutcomeLatencyAndTheOldestPendingAge() throws IOException {
        HookguardClient client = clientOf(startForwardingTo(proxy.port(), "[1s, 1s]"));
        List<String> ids = commitMessages(2);
        assertThat(awaitUntil(WAIT, () -> receiver.verifiedIds().size() >= ids.size())).isTrue();

        String metrics = client.get("/metrics").body();

        assertThat(metrics).contains(
                "hookguard_outbox_attempts_total{destination=\"backend\",outcome=\"delivered\"}",
                "hookguard_outbox_attempt_duration_seconds_bucket{destination=\"backend\"",
                "hookguard_outbox_messages{destination=\"backend\",state=\"pending\"}",
                "hookguard_outbox_messages{destination=\"backend\",state=\"delivered\"}",
                "hookguard_outbox_messages{destination=\"backend\",state=\"dead\"}",
                "hookguard_outbox_oldest_pending_age_seconds{destination=\"backend\"}");
    }

    @Test
    void theMessageRoutesNameTheParameterThatIsMissingOrInvalid() throws IOException {
        HookguardClient client = clientOf(startForwardingTo(proxy.port(), "[1s, 1s]"));

        List<HttpResponse<String>> answers = new ArrayList<>(List.of(
                client.post("/api/v1/messages/redeliver?status=dead"),
                client.post("/api/v1/messages/redeliver?destination=backend"),
                client.post("/api/v1/messages/redeliver?destination=backend&status=pending"),
                client.post("/api/v1/messages/redeliver?destination=Not%20A%20Name&status=dead"),
                client.get("/api/v1/messages?status=lost"),
                client.get("/api/v1/messages?limit=501"),
                client.get("/api/v1/messages/not-an-id")));
        HttpResponse<String> unknown = client.get("/api/v1/messages/msg_UNKNOWN");
        HttpResponse<String> unknownRedelivery = client.post("/api/v1/messages/msg_UNKNOWN/redeliver");

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        });
        assertThat(answers.stream().map(HttpResponse::body).toList()).satisfiesExactly(
                body -> assertThat(body).contains("'destination' is required"),
                body -> assertThat(body).contains("'status' is required"),
                body -> assertThat(body).contains("'status' must be 'dead'"),
                body -> assertThat(body).contains("'destination' must be"),
                body -> assertThat(body).contains("'status' must be one of pending, delivered, dead"),
                body -> assertThat(body).contains("'limit' must be 1..500"),
                body -> assertThat(body).contains("'id' must be"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknownRedelivery.statusCode()).isEqualTo(404);
    }
}
