package io.hookguard.http;

import static io.hookguard.http.Calls.assertProblem;
import static io.hookguard.http.Calls.get;
import static io.hookguard.http.Calls.header;
import static io.hookguard.http.Calls.json;
import static io.hookguard.http.Calls.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.Response;
import io.hookguard.domain.idempotency.ClaimOutcome;
import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.DeliveryKey;
import io.hookguard.domain.idempotency.Fingerprint;
import io.hookguard.domain.idempotency.IdempotencyPolicy;
import io.hookguard.domain.idempotency.Payload;
import io.hookguard.domain.idempotency.ReceivedRequest;
import io.hookguard.domain.idempotency.RequestHeader;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class OperatorRoutesTest {

    private static final String[] ADMIN = {"Authorization", "Bearer " + TestApp.ADMIN_TOKEN};

    private final TestApp app = TestApp.secured();

    @Test
    void creatingPhasesAnswers201WithTheEntriesPhaseOneReady() throws Exception {
        app.test((server, client) -> {
            Response response = Calls.planIssue42(client);

            assertThat(response.code()).isEqualTo(201);
            assertThat(header(response, "Content-Type")).startsWith("application/json");
            JsonNode expected = new ObjectMapper().readTree("""
                    {"parent_issue":42,"phases":[
                     {"queue_id":"q-1","parent_issue":42,"phase_number":1,"title":"plan","status":"ready",
                      "adw_id":null,"error_message":null,
                      "created_at":"2026-03-01T12:00:00Z","updated_at":"2026-03-01T12:00:00Z"},
                     {"queue_id":"q-2","parent_issue":42,"phase_number":2,"title":"build","status":"queued",
                      "adw_id":null,"error_message":null,
                      "created_at":"2026-03-01T12:00:00Z","updated_at":"2026-03-01T12:00:00Z"},
                     {"queue_id":"q-3","parent_issue":42,"phase_number":3,"title":"ship","status":"queued",
                      "adw_id":null,"error_message":null,
                      "created_at":"2026-03-01T12:00:00Z","updated_at":"2026-03-01T12:00:00Z"}]}
                    """);
            assertThat(json(response)).isEqualTo(expected);
        });
    }

    @Test
    void phaseWithoutQueueIdGetsAGeneratedOne() {
        app.test((server, client) -> {
            Response response = post(client, "/api/v1/queue",
                    Requests.utf8("{\"parent_issue\":7,\"phases\":[{\"title\":\"only\"}]}"), concat("Content-Type",
                            Calls.JSON));

            assertThat(response.code()).isEqualTo(201);
            assertThat(json(response).at("/phases/0/queue_id").asText()).startsWith("q-");
        });
    }

    @Test
    void planningAnIssueTwiceIs409AndKeepsTheFirstPlan() {
        app.test((server, client) -> {
            Calls.planIssue42(client);

            Response again = post(client, "/api/v1/queue",
                    Requests.utf8("{\"parent_issue\":42,\"phases\":[{\"title\":\"other\",\"queue_id\":\"q-9\"}]}"),
                    concat("Content-Type", Calls.JSON));

            assertProblem(again, 409, "42");
            assertThat(app.queue.everything()).hasSize(3);
        });
    }

    @Test
    void issuePhasesAreListedInOrderAndAnUnknownIssueIs404() {
        app.test((server, client) -> {
            Calls.planIssue42(client);
            Calls.workflowComplete(client, Requests.completion("adw-1", "completed", "q-1", 42));

            Response listed = get(client, "/api/v1/queue/42", ADMIN);
            Response unknown = get(client, "/api/v1/queue/43", ADMIN);

            assertThat(listed.code()).isEqualTo(200);
            assertThat(json(listed).path("parent_issue").asInt()).isEqualTo(42);
            assertThat(json(listed).path("phases")).extracting(phase -> phase.path("status").asText())
                    .containsExactly("completed", "ready", "queued");
            assertThat(json(listed).at("/phases/0/adw_id").asText()).isEqualTo("adw-1");
            assertProblem(unknown, 404, "parent_issue 43");
        });
    }

    @Test
    void inboxIsListedNewestFirstWithThePayloadEmbeddedAsJson() {
        app.test((server, client) -> {
            Calls.github(client, "d-1", "issues", "{\"action\":\"opened\",\"n\":1}");
            app.clock.advance(Duration.ofSeconds(1));
            Calls.github(client, "d-2", "push", "{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"o/r\"}}");

            Response response = get(client, "/api/v1/github/deliveries", ADMIN);
            Response limited = get(client, "/api/v1/github/deliveries?limit=1", ADMIN);

            assertThat(response.code()).isEqualTo(200);
            JsonNode deliveries = json(response).path("deliveries");
            assertThat(deliveries).extracting(entry -> entry.path("delivery_id").asText()).containsExactly("d-2", "d-1");
            assertThat(deliveries.get(0).path("repository").asText()).isEqualTo("o/r");
            assertThat(deliveries.get(0).path("payload").path("ref").asText()).isEqualTo("refs/heads/main");
            assertThat(deliveries.get(1).path("action").asText()).isEqualTo("opened");
            assertThat(deliveries.get(1).path("received_at").asText()).isEqualTo("2026-03-01T12:00:00Z");
            assertThat(json(limited).path("deliveries")).hasSize(1);
        });
    }

    @Test
    void limitDefaultsTo50() {
        app.test((server, client) -> {
            for (int i = 0; i < 51; i++) {
                Calls.github(client, "d-" + i, "issues", "{\"n\":" + i + "}");
            }

            assertThat(json(get(client, "/api/v1/github/deliveries", ADMIN)).path("deliveries")).hasSize(50);
            assertThat(json(get(client, "/api/v1/webhook-events", ADMIN)).path("events")).hasSize(50);
            assertThat(json(get(client, "/api/v1/webhook-events?limit=500", ADMIN)).path("events")).hasSize(51);
        });
    }

    @Test
    void webhookEventsAreInspectedRecentFirstAndById() {
        app.test((server, client) -> {
            Calls.github(client, "d-1", "issues", "{}");
            app.clock.advance(Duration.ofSeconds(1));
            Calls.github(client, "d-2", "issues", "{}");

            Response recent = get(client, "/api/v1/webhook-events?limit=10", ADMIN);
            Response byId = get(client, "/api/v1/webhook-events/d-1", ADMIN);
            Response unknown = get(client, "/api/v1/webhook-events/d-404", ADMIN);

            assertThat(json(recent).path("events")).extracting(event -> event.path("webhook_id").asText())
                    .containsExactly("d-2", "d-1");
            assertThat(json(byId).path("webhook_id").asText()).isEqualTo("d-1");
            JsonNode event = json(byId).path("events").get(0);
            assertThat(event.path("webhook_type").asText()).isEqualTo("github");
            assertThat(event.path("status").asText()).isEqualTo("completed");
            assertThat(event.path("processed").asBoolean()).isTrue();
            assertThat(event.path("attempts").asInt()).isEqualTo(1);
            assertThat(event.path("fingerprint").asText()).hasSize(64);
            assertThat(event.path("received_at").asText()).isEqualTo("2026-03-01T12:00:00Z");
            assertThat(event.path("response").asText()).contains("\"delivery_id\":\"d-1\"");
            assertThat(event.has("locked_until")).isTrue();
            assertThat(event.has("last_error")).isTrue();
            assertProblem(unknown, 404, "d-404");
        });
    }

    @Test
    void webhookEventByIdShowsTheStoredRequestAsTextOrBase64() {
        app.test((server, client) -> {
            stored("evt_text", "application/json", "{\"id\":\"evt_text\"}".getBytes(StandardCharsets.UTF_8));
            stored("evt_bin", "application/octet-stream", new byte[] {0, (byte) 0xff, 1});

            JsonNode text = json(get(client, "/api/v1/webhook-events/evt_text", ADMIN)).path("events").get(0);
            JsonNode binary = json(get(client, "/api/v1/webhook-events/evt_bin", ADMIN)).path("events").get(0);
            JsonNode withoutRequest = json(get(client, "/api/v1/webhook-events?limit=10", ADMIN)).path("events");

            assertThat(text.path("event_type").asText()).isEqualTo("invoice.paid");
            assertThat(text.path("content_type").asText()).isEqualTo("application/json");
            assertThat(text.path("request_headers")).extracting(h -> h.path("name").asText() + ": "
                    + h.path("value").asText()).containsExactly("Stripe-Signature: t=1,v1=ab", "X-Trace: 1");
            assertThat(text.path("request_body").asText()).isEqualTo("{\"id\":\"evt_text\"}");
            assertThat(text.path("request_body_encoding").asText()).isEqualTo("utf-8");
            assertThat(binary.path("request_body").asText()).isEqualTo("AP8B");
            assertThat(binary.path("request_body_encoding").asText()).isEqualTo("base64");
            assertThat(withoutRequest).extracting(e -> e.path("event_type").asText())
                    .containsOnly("invoice.paid");
        });
    }

    private void stored(String key, String contentType, byte[] body) {
        ReceivedRequest request = ReceivedRequest.of(new Payload(contentType, body), List.of(
                new RequestHeader("Stripe-Signature", "t=1,v1=ab"), new RequestHeader("Authorization", "Bearer x"),
                new RequestHeader("X-Trace", "1")), "invoice.paid");
        Delivery delivery = Delivery.of(new WebhookType("stripe"),
                new DeliveryKey(new WebhookId(key), Fingerprint.of(body))).withRequest(request);
        ClaimOutcome.Claimed claimed = (ClaimOutcome.Claimed) app.events.claim(
                IdempotencyPolicy.defaults().claimRequest(delivery, app.clock.instant()));
        app.events.complete(claimed.claim(), "{}", app.clock.instant());
    }

    @Test
    void cleanupDeletesEventsPastRetentionAndReportsTheCount() {
        app.test((server, client) -> {
            Calls.github(client, "d-old", "issues", "{}");
            app.clock.advance(Duration.ofDays(8));
            Calls.github(client, "d-new", "issues", "{}");

            Response response = post(client, "/api/v1/admin/cleanup", new byte[0], ADMIN);

            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).isEqualTo("{\"deleted\":1}");
            assertThat(app.events.findRecent(10)).extracting(e -> e.webhookId().value()).containsExactly("d-new");
        });
    }

    static Stream<String[]> operatorRoutes() {
        return Stream.of(
                new String[] {"POST", "/api/v1/queue"},
                new String[] {"GET", "/api/v1/queue/42"},
                new String[] {"GET", "/api/v1/github/deliveries"},
                new String[] {"GET", "/api/v1/webhook-events"},
                new String[] {"GET", "/api/v1/webhook-events/d-1"},
                new String[] {"POST", "/api/v1/admin/cleanup"});
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("operatorRoutes")
    void operatorRouteRefusesRequestsWithoutTheAdminToken(String method, String path) {
        app.test((server, client) -> {
            var before = app.snapshot();
            for (String[] authorization : new String[][] {
                    {}, {"Authorization", "Bearer wrong-token"}, {"Authorization", "Basic " + TestApp.ADMIN_TOKEN},
                    {"Authorization", "Bearer"}, {"Authorization", TestApp.ADMIN_TOKEN},
                    {"Authorization", "Bearer " + TestApp.ADMIN_TOKEN + "x"}}) {
                Response response = send(client, method, path, authorization);

                assertProblem(response, 401, "Bearer");
                assertThat(header(response, "WWW-Authenticate")).startsWith("Bearer");
            }
            assertThat(app.snapshot()).isEqualTo(before);
            assertThat(send(client, method, path, "Authorization", "bearer " + TestApp.ADMIN_TOKEN).code())
                    .isNotEqualTo(401);
        });
    }

    /** Each operator route with what it answers on an empty store when it lets the request in. */
    static Stream<Object[]> operatorRoutesAnsweredWhenOpen() {
        return Stream.of(
                new Object[] {"POST", "/api/v1/queue", 201},
                new Object[] {"GET", "/api/v1/queue/42", 404},
                new Object[] {"GET", "/api/v1/github/deliveries", 200},
                new Object[] {"GET", "/api/v1/webhook-events", 200},
                new Object[] {"GET", "/api/v1/webhook-events/d-1", 404},
                new Object[] {"POST", "/api/v1/admin/cleanup", 200});
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("operatorRoutesAnsweredWhenOpen")
    void operatorRouteIsOpenWhenNoAdminTokenIsConfigured(String method, String path, int expected) {
        TestApp open = TestApp.open();
        open.test((server, client) -> assertThat(send(client, method, path).code()).isEqualTo(expected));
    }

    @Test
    void healthAndIntakeNeedNoAdminToken() {
        app.test((server, client) -> {
            assertThat(get(client, "/health/live").code()).isEqualTo(200);
            assertThat(get(client, "/health/ready").code()).isEqualTo(200);
            assertThat(Calls.github(client, "d-1", "issues", "{}").code()).isEqualTo(200);
        });
    }

    @Test
    void livenessIsUpAndReadinessFollowsTheStore() {
        app.test((server, client) -> {
            Response live = get(client, "/health/live");
            Response ready = get(client, "/health/ready");
            app.events.setAvailable(false);
            Response notReady = get(client, "/health/ready");
            Response stillLive = get(client, "/health/live");

            assertThat(live.code()).isEqualTo(200);
            assertThat(live.body().string()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(ready.code()).isEqualTo(200);
            assertThat(ready.body().string()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(notReady.code()).isEqualTo(503);
            assertThat(notReady.body().string()).isEqualTo("{\"status\":\"DOWN\"}");
            assertThat(stillLive.code()).isEqualTo(200);
        });
    }

    @Test
    void operatorRoutesAnswer503WhenTheStoreIsUnavailable() {
        app.test((server, client) -> {
            app.events.setAvailable(false);

            Response events = get(client, "/api/v1/webhook-events", ADMIN);
            Response cleanup = post(client, "/api/v1/admin/cleanup", new byte[0], ADMIN);

            assertProblem(events, 503, "retry later");
            assertThat(header(events, "Retry-After")).isEqualTo("5");
            assertProblem(cleanup, 503, "retry later");
        });
    }

    @Test
    void unexpectedFailureOnAnOperatorRouteIsAGeneric500() {
        app.test((server, client) -> {
            Calls.planIssue42(client);
            app.queue.breakDown();

            Response response = get(client, "/api/v1/queue/42", concat(ADMIN[0], ADMIN[1], "X-Request-Id", "req-op"));

            assertProblem(response, 500, "req-op");
            assertThat(response.body().string()).doesNotContain("SELECT", "hunter2", "Exception");
        });
    }

    @Test
    void illegalArgumentFromInsideIsAGeneric500NotABadRequest() {
        app.test((server, client) -> {
            Calls.planIssue42(client);
            app.queue.breakDownWith(new IllegalArgumentException("column 'secret_hunter2' is out of range"));

            Response response = get(client, "/api/v1/queue/42", concat(ADMIN[0], ADMIN[1], "X-Request-Id", "req-iae"));

            assertProblem(response, 500, "req-iae");
            assertThat(response.body().string()).doesNotContain("hunter2", "out of range");
        });
    }

    @Test
    void unknownRouteIsAProblem404() {
        app.test((server, client) -> assertProblem(get(client, "/api/v1/nothing-here"), 404, "no such route"));
    }

    private static Response send(HttpClient client, String method, String path, String... headers) {
        return method.equals("GET") ? get(client, path, headers)
                : post(client, path, Requests.utf8(Requests.PLAN_42), concat(headers, "Content-Type", Calls.JSON));
    }

    private static String[] concat(String... headers) {
        String[] all = new String[ADMIN.length + headers.length];
        System.arraycopy(ADMIN, 0, all, 0, ADMIN.length);
        System.arraycopy(headers, 0, all, ADMIN.length, headers.length);
        return all;
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
