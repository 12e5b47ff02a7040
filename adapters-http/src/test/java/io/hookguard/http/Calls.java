package io.hookguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.List;

/** Sends requests through JavalinTest's client and reads responses; headers are given as name, value pairs. */
final class Calls {

    static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Calls() {
    }

    static Response post(HttpClient client, String path, byte[] body, String... headers) {
        return client.request(path, builder -> {
            builder.post(HttpRequest.BodyPublishers.ofByteArray(body));
            for (int i = 0; i < headers.length; i += 2) {
                builder.header(headers[i], headers[i + 1]);
            }
        });
    }

    static Response get(HttpClient client, String path, String... headers) {
        return client.request(path, builder -> {
            builder.get();
            for (int i = 0; i < headers.length; i += 2) {
                builder.header(headers[i], headers[i + 1]);
            }
        });
    }

    /** A workflow-complete delivery signed with the test secret. */
    static Response workflowComplete(HttpClient client, String body, String... headers) {
        byte[] bytes = Requests.utf8(body);
        return post(client, "/api/v1/queue/workflow-complete", bytes,
                concat(headers, "Content-Type", JSON, "X-Webhook-Signature", Requests.sign(TestApp.WEBHOOK_SECRET, bytes)));
    }

    /** A GitHub delivery signed with the test secret. */
    static Response github(HttpClient client, String deliveryId, String event, String body) {
        byte[] bytes = Requests.utf8(body);
        return post(client, "/api/v1/webhooks/github", bytes, "Content-Type", JSON, "X-GitHub-Delivery", deliveryId,
                "X-GitHub-Event", event, "X-Hub-Signature-256", Requests.sign(TestApp.GITHUB_SECRET, bytes));
    }

    /** Plans issue 42 (q-1, q-2, q-3) with the admin token. */
    static Response planIssue42(HttpClient client) {
        return post(client, "/api/v1/queue", Requests.utf8(Requests.PLAN_42), "Content-Type", JSON,
                "Authorization", "Bearer " + TestApp.ADMIN_TOKEN);
    }

    static String header(Response response, String name) {
        List<String> values = response.headers().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static JsonNode json(Response response) {
        try {
            return MAPPER.readTree(response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts an RFC 9457 problem with this status whose detail contains {@code detailFragment}. */
    static JsonNode assertProblem(Response response, int status, String detailFragment) {
        assertThat(response.code()).as("status of %s", response.body().string()).isEqualTo(status);
        assertThat(header(response, "Content-Type")).startsWith("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("type").asText()).startsWith("https://hookguard.dev/problems/");
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).contains(detailFragment);
        return problem;
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(second, 0, all, 0, second.length);
        System.arraycopy(first, 0, all, second.length, first.length);
        return all;
    }
}
