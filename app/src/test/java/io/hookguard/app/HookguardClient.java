package io.hookguard.app;

import io.hookguard.domain.testing.HmacSignatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** A sender and an operator talking to a running Hookguard over real HTTP, signing what it sends. */
public final class HookguardClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String webhookSecret;
    private final String adminToken;

    public HookguardClient(int port, String webhookSecret, String adminToken) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.webhookSecret = webhookSecret;
        this.adminToken = adminToken;
    }

    /** Plans {@code issue} with one phase per queue id, in order. */
    public HttpResponse<String> createPhases(int issue, String... queueIds) {
        String phases = IntStream.range(0, queueIds.length)
                .mapToObj(i -> "{\"title\":\"phase " + (i + 1) + "\",\"queue_id\":\"" + queueIds[i] + "\"}")
                .collect(Collectors.joining(","));
        return send(operator("/api/v1/queue")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"parent_issue\":" + issue + ",\"phases\":[" + phases + "]}")));
    }

    public static String completion(String adwId, String queueId, int issue) {
        return "{\"adw_id\":\"" + adwId + "\",\"status\":\"completed\",\"queue_id\":\"" + queueId
                + "\",\"parent_issue\":" + issue + "}";
    }

    public HttpResponse<String> completeWorkflow(String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/queue/workflow-complete"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (webhookSecret != null) {
            request.header("X-Webhook-Signature", sign(webhookSecret, body));
        }
        return send(request);
    }

    public HttpResponse<String> get(String path) {
        return send(operator(path).GET());
    }

    /** An operator POST without a body, such as {@code /api/v1/admin/cleanup}. */
    public HttpResponse<String> post(String path) {
        return send(operator(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder operator(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (adminToken != null) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        return request;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String sign(String secret, String body) {
        return HmacSignatures.sign(secret, body);
    }
}
