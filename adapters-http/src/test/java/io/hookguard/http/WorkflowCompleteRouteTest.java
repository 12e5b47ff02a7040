package io.hookguard.http;

import static io.hookguard.http.Calls.assertProblem;
import static io.hookguard.http.Calls.header;
import static io.hookguard.http.Calls.json;
import static io.hookguard.http.Calls.workflowComplete;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.DeliveryKey;
import io.hookguard.domain.idempotency.IdempotencyPolicy;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.queue.ParentIssue;
import io.hookguard.domain.queue.PhaseEntry;
import io.hookguard.domain.queue.PhaseStatus;
import io.javalin.testtools.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WorkflowCompleteRouteTest {

    private static final String COMPLETE_Q1 = Requests.completion("adw-1", "completed", "q-1", 42);
    private static final String DUPLICATE_BODY = "{\"success\":true,\"message\":\"Duplicate webhook - already processed\","
            + "\"phase_updated\":false,\"next_phase_triggered\":false}";

    private final TestApp app = TestApp.secured();

    @Test
    void completionUpdatesThePhaseTriggersTheNextAndAnswersWithTheOutcome() {
        app.test((server, client) -> {
            Calls.planIssue42(client);

            Response response = workflowComplete(client, COMPLETE_Q1);

            assertThat(response.code()).isEqualTo(200);
            assertThat(header(response, "Content-Type")).startsWith("application/json");
            assertThat(header(response, "Idempotent-Replayed")).isNull();
            assertThat(response.body().string()).isEqualTo("{\"success\":true,\"message\":\"Phase q-1 completed; "
                    + "next phase triggered\",\"phase_updated\":true,\"next_phase_triggered\":true}");
            assertThat(statuses()).containsExactly(PhaseStatus.COMPLETED, PhaseStatus.READY, PhaseStatus.QUEUED);
        });
    }

    @Test
    void completionAnswersAsBeforeAndForwardsItsPhaseEventsAsJsonOnce() {
        app.test((server, client) -> {
            Calls.planIssue42(client);

            Response response = workflowComplete(client, COMPLETE_Q1);
            app.clock.advance(Duration.ofSeconds(5));
            Response resend = workflowComplete(client, COMPLETE_Q1);

            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).isEqualTo("{\"success\":true,\"message\":\"Phase q-1 completed; "
                    + "next phase triggered\",\"phase_updated\":true,\"next_phase_triggered\":true}");
            assertThat(header(resend, "Idempotent-Replayed")).isEqualTo("true");
            assertThat(app.outbox.all()).extracting(view -> view.message().eventType() + " "
                    + view.message().destination() + " " + view.message().orderingKey() + " "
                    + view.message().contentType() + " " + new String(view.message().body(), StandardCharsets.UTF_8))
                    .containsExactly(
                            "phase.completed backend 42 application/json {\"type\":\"phase.completed\","
                                    + "\"timestamp\":\"2026-03-01T12:00:00Z\",\"data\":{\"queue_id\":\"q-1\","
                                    + "\"parent_issue\":42,\"phase_number\":1,\"title\":\"plan\","
                                    + "\"status\":\"completed\",\"adw_id\":\"adw-1\",\"error_message\":null}}",
                            "phase.ready backend 42 application/json {\"type\":\"phase.ready\","
                                    + "\"timestamp\":\"2026-03-01T12:00:00Z\",\"data\":{\"queue_id\":\"q-2\","
                                    + "\"parent_issue\":42,\"phase_number\":2,\"title\":\"build\","
                                    + "\"status\":\"ready\",\"adw_id\":null,\"error_message\":null}}");
        });
    }

    @Test
    void duplicateIsAnsweredWithTheFixedBodyByteForByteAndChangesNothing() {
        app.test((server, client) -> {
            Calls.planIssue42(client);
            workflowComplete(client, COMPLETE_Q1);
            var before = app.snapshot();
            app.clock.advance(Duration.ofSeconds(5));

            Response duplicate = workflowComplete(client, COMPLETE_Q1);

            assertThat(duplicate.code()).isEqualTo(200);
            assertThat(header(duplicate, "Idempotent-Replayed")).isEqualTo("true");
            assertThat(header(duplicate, "Content-Type")).startsWith("application/json");
            assertThat(duplicate.body().string().getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(DUPLICATE_BODY.getBytes(StandardCharsets.UTF_8));
            assertThat(app.snapshot()).isEqualTo(before);
        });
    }

    @Test
    void everyIntakeResponseCarriesTheDerivedWebhookId() {
        String expectedId = sha256Hex("adw-1:completed:q-1");
        app.test((server, client) -> {
            Response notFound = workflowComplete(client, COMPLETE_Q1);
            Calls.planIssue42(client);
            Response processed = workflowComplete(client, COMPLETE_Q1);
            Response replayed = workflowComplete(client, COMPLETE_Q1);
            app.events.setAvailable(false);
            Response unavailable = workflowComplete(client, COMPLETE_Q1);

            assertThat(expectedId).hasSize(64);
            assertThat(new Response[] {notFound, processed, replayed, unavailable})
                    .extracting(response -> header(response, "X-Webhook-Id"))
                    .containsOnly(expectedId);
        });
    }

    @Test
    void failedStatusMarksThePhaseFailedAndBlocksLaterPhases() {
        app.test((server, client) -> {
            Calls.planIssue42(client);

            Response response = workflowComplete(client, "{\"adw_id\":\"adw-1\",\"status\":\"failed\",\"queue_id\":\"q-1\","
                    + "\"parent_issue\":42,\"error_message\":\"tests failed\"}");

            assertThat(response.code()).isEqualTo(200);
            assertThat(json(response).path("phase_updated").asBoolean()).isTrue();
            assertThat(json(response).path("next_phase_triggered").asBoolean()).isFalse();
            assertThat(statuses()).containsExactly(PhaseStatus.FAILED, PhaseStatus.BLOCKED, PhaseStatus.BLOCKED);
            assertThat(app.queue.port().findByIssue(new ParentIssue(42)).get(0).errorMessage()).isEqualTo("tests failed");
        });
    }

    @Test
    void unknownQueueIdIs404AndTheRetryIsProcessedOnceThePhaseExists() {
        app.test((server, client) -> {
            Response early = workflowComplete(client, COMPLETE_Q1);
            assertProblem(early, 404, "q-1");

            Calls.planIssue42(client);
            Response retry = workflowComplete(client, COMPLETE_Q1);

            assertThat(retry.code()).isEqualTo(200);
            assertThat(json(retry).path("phase_updated").asBoolean()).isTrue();
        });
    }

    @Test
    void deliveryHeldByAnotherAttemptIs409WithRetryAfter() {
        app.test((server, client) -> {
            Calls.planIssue42(client);
            DeliveryKey key = DeliveryKey.forWorkflowCompletion("adw-1", "completed", "q-1");
            app.events.claim(IdempotencyPolicy.defaults().claimRequest(
                    Delivery.of(WebhookType.WORKFLOW_COMPLETE, key), app.clock.instant()));

            Response response = workflowComplete(client, COMPLETE_Q1);

            assertProblem(response, 409, "retry later");
            assertThat(header(response, "Retry-After")).isEqualTo("60");
            assertThat(statuses()).containsExactly(PhaseStatus.READY, PhaseStatus.QUEUED, PhaseStatus.QUEUED);
        });
    }

    @Test
    void storeUnavailableIs503WithRetryAfterAndNothingIsApplied() {
        app.test((server, client) -> {
            Calls.planIssue42(client);
            app.events.setAvailable(false);

            Response response = workflowComplete(client, COMPLETE_Q1);

            assertProblem(response, 503, "retry later");
            assertThat(header(response, "Retry-After")).isEqualTo("5");
            assertThat(statuses()).containsExactly(PhaseStatus.READY, PhaseStatus.QUEUED, PhaseStatus.QUEUED);
            assertThat(app.observer.outcomes()).containsExactly("workflow_complete:unavailable");
        });
    }

    @Test
    void handlerFailureIsAGeneric500WithoutInternalsAndLogsTheRequestId() {
        app.test((server, client) -> {
            Calls.planIssue42(client);
            app.queue.breakDown();
            try (LogCapture logs = new LogCapture()) {
                Response response = workflowComplete(client, COMPLETE_Q1, "X-Request-Id", "req-500");

                assertProblem(response, 500, "req-500");
                assertThat(response.body().string())
                        .doesNotContain("SELECT", "hunter2", "IllegalStateException", "Exception", "at io.");
                assertThat(header(response, "X-Webhook-Id")).isEqualTo(sha256Hex("adw-1:completed:q-1"));
                assertThat(logs.at(Level.ERROR)).singleElement().satisfies(event -> {
                    assertThat(event.getFormattedMessage()).contains("req-500");
                    assertThat(event.getMDCPropertyMap()).containsEntry("request_id", "req-500");
                    assertThat(event.getThrowableProxy()).isNotNull();
                });
            }
            assertThat(app.observer.outcomes()).containsExactly("workflow_complete:failed");
        });
    }

    @Test
    void correctlySignedDeliveryIsAcceptedAndTamperedBytesAreNot() {
        app.test((server, client) -> {
            Calls.planIssue42(client);
            byte[] signed = Requests.utf8(COMPLETE_Q1);
            byte[] tampered = Requests.utf8(COMPLETE_Q1.replace("adw-1", "adw-2"));

            Response rejected = Calls.post(client, "/api/v1/queue/workflow-complete", tampered, "Content-Type",
                    Calls.JSON, "X-Webhook-Signature", Requests.sign(TestApp.WEBHOOK_SECRET, signed));
            Response accepted = Calls.post(client, "/api/v1/queue/workflow-complete", signed, "Content-Type",
                    Calls.JSON, "X-Webhook-Signature", Requests.sign(TestApp.WEBHOOK_SECRET, signed));

            assertProblem(rejected, 401, "X-Webhook-Signature");
            assertThat(accepted.code()).isEqualTo(200);
        });
    }

    @Test
    void unsignedDeliveryIsAcceptedWhenNoSecretIsConfigured() {
        TestApp open = TestApp.open();
        open.test((server, client) -> {
            Calls.planIssue42(client);

            Response response = Calls.post(client, "/api/v1/queue/workflow-complete", Requests.utf8(COMPLETE_Q1),
                    "Content-Type", Calls.JSON);

            assertThat(response.code()).isEqualTo(200);
        });
    }

    @Test
    void observerIsToldTheOutcomeOfEveryIntakeRequest() {
        app.test((server, client) -> {
            workflowComplete(client, COMPLETE_Q1);
            Calls.planIssue42(client);
            workflowComplete(client, COMPLETE_Q1);
            workflowComplete(client, COMPLETE_Q1);
            workflowComplete(client, "{\"adw_id\":1}");
            Calls.post(client, "/api/v1/queue/workflow-complete", Requests.utf8(COMPLETE_Q1), "Content-Type", "text/plain");

            assertThat(app.observer.outcomes()).containsExactly("workflow_complete:rejected",
                    "workflow_complete:processed", "workflow_complete:duplicate", "workflow_complete:invalid",
                    "workflow_complete:invalid");
        });
    }

    @Test
    void eachIntakeRequestLogsOneInfoLineWithOutcomeAndWebhookId() {
        app.test((server, client) -> {
            Calls.planIssue42(client);
            try (LogCapture logs = new LogCapture()) {
                workflowComplete(client, COMPLETE_Q1, "X-Request-Id", "req-log-1");

                assertThat(logs.at(Level.INFO)).singleElement().satisfies(event -> {
                    assertThat(event.getFormattedMessage()).contains("POST /api/v1/queue/workflow-complete",
                            "status=200", "outcome=processed", "webhook_id=" + sha256Hex("adw-1:completed:q-1"),
                            "duration_ms=");
                    assertThat(event.getMDCPropertyMap()).containsEntry("request_id", "req-log-1")
                            .containsEntry("webhook_id", sha256Hex("adw-1:completed:q-1"));
                });
                assertThat(logs.events()).extracting(ILoggingEvent::getFormattedMessage)
                        .noneMatch(message -> message.contains(TestApp.WEBHOOK_SECRET));
            }
        });
    }

    @Test
    void saneRequestIdIsEchoedAndAnyOtherIsReplacedByAGeneratedOne() {
        app.test((server, client) -> {
            Response sane = Calls.get(client, "/health/live", "X-Request-Id", "abc-123_x.y");
            Response insane = Calls.get(client, "/health/live", "X-Request-Id", "bad id <script>");
            Response absent = Calls.get(client, "/health/live");

            assertThat(header(sane, "X-Request-Id")).isEqualTo("abc-123_x.y");
            assertThat(header(insane, "X-Request-Id")).isNotBlank().doesNotContain("script");
            assertThat(header(absent, "X-Request-Id")).isNotBlank().isNotEqualTo(header(insane, "X-Request-Id"));
        });
    }

    private java.util.List<PhaseStatus> statuses() {
        return app.queue.port().findByIssue(new ParentIssue(42)).stream().map(PhaseEntry::status).toList();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
