package io.hookguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Declared sources through the real modules on a real server over the embedded H2 database: a configuration file with
 * a Stripe and an in-house HMAC source, GitHub's 25 MiB default limit, the per-source limits and the metrics.
 */
class SourcesEndToEndTest {

    private static final String GITHUB_SECRET = "e2e-github-secret";
    private static final String STRIPE_SECRET = "whsec_e2e_stripe";
    private static final String ACME_NEW = "acme-new";
    private static final String ACME_OLD = "acme-old";
    private static final int MIB = 1024 * 1024;

    @RegisterExtension
    final RunningServers servers = new RunningServers();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Hookguard start() throws IOException {
        Path config = dir.resolve("hookguard.yaml");
        Files.writeString(config, """
                sources:
                  stripe:
                    verify: stripe
                    secrets: ["%s"]
                    event: json:/type
                  acme:
                    verify: hmac
                    header: X-Acme-Signature
                    algorithm: sha256
                    encoding: base64
                    secrets: ["%s", "%s"]
                    key: header:X-Acme-Delivery
                    max_body: 1KiB
                """.formatted(STRIPE_SECRET, ACME_NEW, ACME_OLD));
        Map<String, String> env = new HashMap<>();
        env.put("HOOKGUARD_DATA_DIR", dir.resolve("data").toString());
        env.put("HOOKGUARD_GITHUB_SECRET", GITHUB_SECRET);
        env.put("HOOKGUARD_CONFIG", config.toString());
        return servers.start(env);
    }

    private HttpResponse<String> post(Hookguard hookguard, String path, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hookguard.port() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String metrics(Hookguard hookguard) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hookguard.port() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static byte[] hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(body);
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    @Test
    void aTwentyMebibyteSignedGithubDeliveryIsProcessed() throws Exception {
        Hookguard hookguard = start();
        // a push event's shape: many commits, each with a message of 1 KiB, 20 MiB in all
        StringBuilder json = new StringBuilder(20 * MIB + 1024)
                .append("{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"octo/big\"},\"commits\":[");
        String message = "m".repeat(1000);
        for (int i = 0; json.length() < 20 * MIB; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"c").append(i).append("\",\"message\":\"")
                    .append(message).append("\"}");
        }
        byte[] body = json.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
        json.setLength(0);
        assertThat(body.length).isGreaterThanOrEqualTo(20 * MIB);

        HttpResponse<String> response = post(hookguard, "/api/v1/webhooks/github", body, "Content-Type",
                "application/json", "X-GitHub-Delivery", "d-big", "X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + hex(hmac(GITHUB_SECRET, body)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"delivery_id\":\"d-big\"", "\"stored\":true");
        assertThat(metrics(hookguard)).contains(
                "hookguard_signature_verifications_total{secret=\"0\",source=\"github\"} 1.0");
    }

    @Test
    void eachSourceHasItsOwnBodyLimitAndA413IsCountedBySource() throws Exception {
        Hookguard hookguard = start();
        byte[] large = ("{\"pad\":\"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);
        String stripeEvent = "{\"id\":\"evt_big\",\"type\":\"charge.succeeded\",\"pad\":\"" + "x".repeat(2000) + "\"}";
        byte[] stripeBody = stripeEvent.getBytes(StandardCharsets.UTF_8);
        long t = Instant.now().getEpochSecond();
        String stripeSignature = "t=" + t + ",v1=" + hex(hmac(STRIPE_SECRET,
                (t + "." + stripeEvent).getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> acme = post(hookguard, "/api/v1/webhooks/acme", large, "Content-Type",
                "application/json", "X-Acme-Delivery", "a-big",
                "X-Acme-Signature", Base64.getEncoder().encodeToString(hmac(ACME_NEW, large)));
        HttpResponse<String> stripe = post(hookguard, "/api/v1/webhooks/stripe", stripeBody, "Content-Type",
                "application/json", "Stripe-Signature", stripeSignature);

        assertThat(acme.statusCode()).isEqualTo(413);
        assertThat(acme.body()).contains("at most 1024 bytes");
        assertThat(stripe.statusCode()).as(stripe.body()).isEqualTo(200);
        assertThat(stripe.body()).isEqualTo("{\"success\":true,\"source\":\"stripe\",\"delivery_id\":\"evt_big\","
                + "\"event\":\"charge.succeeded\"}");
        assertThat(metrics(hookguard)).contains("hookguard_body_too_large_total{source=\"acme\"} 1.0");
    }

    @Test
    void theMetricShowsWhichSecretVerifiedAndRefusalsAreCountedBySource() throws Exception {
        Hookguard hookguard = start();
        byte[] first = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"n\":2}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> byNew = post(hookguard, "/api/v1/webhooks/acme", first, "Content-Type",
                "application/json", "X-Acme-Delivery", "a-1",
                "X-Acme-Signature", Base64.getEncoder().encodeToString(hmac(ACME_NEW, first)));
        HttpResponse<String> byOld = post(hookguard, "/api/v1/webhooks/acme", second, "Content-Type",
                "application/json", "X-Acme-Delivery", "a-2",
                "X-Acme-Signature", Base64.getEncoder().encodeToString(hmac(ACME_OLD, second)));
        HttpResponse<String> byOldAgain = post(hookguard, "/api/v1/webhooks/acme", second, "Content-Type",
                "application/json", "X-Acme-Delivery", "a-2",
                "X-Acme-Signature", Base64.getEncoder().encodeToString(hmac(ACME_OLD, second)));
        HttpResponse<String> byOther = post(hookguard, "/api/v1/webhooks/acme", second, "Content-Type",
                "application/json", "X-Acme-Delivery", "a-3",
                "X-Acme-Signature", Base64.getEncoder().encodeToString(hmac("a-third", second)));
        HttpResponse<String> unknown = post(hookguard, "/api/v1/webhooks/nobody", first, "Content-Type",
                "application/json");

        assertThat(byNew.statusCode()).isEqualTo(200);
        assertThat(byOld.statusCode()).isEqualTo(200);
        assertThat(byOldAgain.statusCode()).isEqualTo(200);
        assertThat(byOldAgain.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(byOther.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no source named 'nobody'");
        assertThat(metrics(hookguard))
                .contains("hookguard_signature_verifications_total{secret=\"0\",source=\"acme\"} 1.0")
                .contains("hookguard_signature_verifications_total{secret=\"1\",source=\"acme\"} 2.0")
                .contains("hookguard_signature_refused_total{source=\"acme\"} 1.0")
                .contains("hookguard_intake_total{outcome=\"duplicate\",type=\"acme\"} 1.0");
    }
}
