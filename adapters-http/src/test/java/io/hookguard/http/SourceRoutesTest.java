package io.hookguard.http;

import static io.hookguard.http.Calls.assertProblem;
import static io.hookguard.http.Calls.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.idempotency.WebhookEvent;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.http.source.FieldRule;
import io.hookguard.http.source.HmacScheme;
import io.hookguard.http.source.SourceFields;
import io.hookguard.http.source.StandardWebhooksScheme;
import io.hookguard.http.source.StripeScheme;
import io.javalin.testtools.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Declared sources through the real routes: signatures made by Stripe's and Standard Webhooks' own libraries, replay
 * inside and outside the tolerance, rotation, keys, limits and unknown names.
 */
class SourceRoutesTest {

    private static final String STRIPE_SECRET = "whsec_stripe_test_0123456789abcdef";
    private static final String OPENAI_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ACME_OLD = "acme-old-secret";
    private static final String ACME_NEW = "acme-new-secret";
    private static final String STRIPE_EVENT = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\"}";
    private static final String OPENAI_EVENT = "{\"type\":\"response.completed\",\"data\":{\"id\":\"resp_1\"}}";

    private final TestApp app = TestApp.secured();

    SourceRoutesTest() {
        List<HttpSources.Source> sources = new ArrayList<>(app.sources.all());
        StripeScheme stripe = new StripeScheme(List.of(STRIPE_SECRET));
        sources.add(new HttpSources.Source(new WebhookType("stripe"), stripe,
                Optional.of(SourceFields.of(stripe, Optional.empty(), Optional.of(FieldRule.json("/type")))), 4096));
        StandardWebhooksScheme openai = new StandardWebhooksScheme(List.of(OPENAI_SECRET));
        sources.add(new HttpSources.Source(new WebhookType("openai"), openai,
                Optional.of(SourceFields.of(openai, Optional.empty(), Optional.of(FieldRule.json("/type")))), 4096));
        HmacScheme acme = HmacScheme.of("X-Acme-Signature", "sha256", "base64", "", List.of(ACME_NEW, ACME_OLD));
        sources.add(new HttpSources.Source(new WebhookType("acme"), acme,
                Optional.of(SourceFields.of(acme, Optional.of(FieldRule.header("X-Acme-Delivery")), Optional.empty())),
                100));
        app.sources = HttpSources.of(sources);
    }

    private long now() {
        return app.clock.instant().getEpochSecond();
    }

    private String stripeHeader(String payload) {
        try {
            return com.stripe.net.Webhook.Signature.generateSignatureHeader(payload, STRIPE_SECRET, now());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String standardSignature(String id, String payload) {
        try {
            return new com.standardwebhooks.Webhook(OPENAI_SECRET).sign(id, now(), payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String acmeSignature(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<WebhookEvent> eventsOf(String source) {
        return app.snapshot().events().stream().filter(event -> event.type().value().equals(source)).toList();
    }

    @Test
    void aStripeEventSignedByStripesLibraryIsAcceptedWithAReceipt() {
        app.test((server, client) -> {
            Response response = Calls.post(client, "/api/v1/webhooks/stripe", Requests.utf8(STRIPE_EVENT),
                    "Content-Type", Calls.JSON, "Stripe-Signature", stripeHeader(STRIPE_EVENT));

            assertThat(response.code()).as(response.body().string()).isEqualTo(200);
            assertThat(response.body().string()).isEqualTo("{\"success\":true,\"source\":\"stripe\","
                    + "\"delivery_id\":\"evt_1\",\"event\":\"payment_intent.succeeded\"}");
            assertThat(header(response, "X-Webhook-Id")).isEqualTo("evt_1");
            assertThat(eventsOf("stripe")).singleElement().satisfies(event -> assertThat(event.processed()).isTrue());
            assertThat(app.sourceObserver.seen).containsExactly("verified:stripe:0");
            assertThat(app.observer.outcomes()).containsExactly("stripe:processed");
        });
    }

    @Test
    void aReplayedStripeRequestInsideTheToleranceIsADuplicateAndOutsideItIsRefused() {
        app.test((server, client) -> {
            String signature = stripeHeader(STRIPE_EVENT);
            Response first = Calls.post(client, "/api/v1/webhooks/stripe", Requests.utf8(STRIPE_EVENT),
                    "Content-Type", Calls.JSON, "Stripe-Signature", signature);
            app.clock.advance(Duration.ofMinutes(4));
            Response inside = Calls.post(client, "/api/v1/webhooks/stripe", Requests.utf8(STRIPE_EVENT),
                    "Content-Type", Calls.JSON, "Stripe-Signature", signature);
            app.clock.advance(Duration.ofMinutes(2));
            Response outside = Calls.post(client, "/api/v1/webhooks/stripe", Requests.utf8(STRIPE_EVENT),
                    "Content-Type", Calls.JSON, "Stripe-Signature", signature);

            assertThat(first.code()).isEqualTo(200);
            assertThat(inside.code()).isEqualTo(200);
            assertThat(header(inside, "Idempotent-Replayed")).isEqualTo("true");
            assertThat(inside.body().string()).isEqualTo(first.body().string());
            assertProblem(outside, 401, "Stripe-Signature");
            assertThat(eventsOf("stripe")).singleElement()
                    .satisfies(event -> assertThat(event.attempts()).isEqualTo(1));
            assertThat(app.sourceObserver.seen).containsExactly("verified:stripe:0", "verified:stripe:0",
                    "refused:stripe");
        });
    }

    @Test
    void aStandardWebhooksRequestSignedByTheReferenceLibraryIsAcceptedUnderBothHeaderSets() {
        app.test((server, client) -> {
            Response webhook = Calls.post(client, "/api/v1/webhooks/openai", Requests.utf8(OPENAI_EVENT),
                    "Content-Type", Calls.JSON, "webhook-id", "msg_1", "webhook-timestamp", Long.toString(now()),
                    "webhook-signature", standardSignature("msg_1", OPENAI_EVENT));
            Response svix = Calls.post(client, "/api/v1/webhooks/openai", Requests.utf8(OPENAI_EVENT),
                    "Content-Type", Calls.JSON, "svix-id", "msg_2", "svix-timestamp", Long.toString(now()),
                    "svix-signature", standardSignature("msg_2", OPENAI_EVENT));

            assertThat(webhook.code()).as(webhook.body().string()).isEqualTo(200);
            assertThat(Calls.json(webhook).path("event").asText()).isEqualTo("response.completed");
            assertThat(svix.code()).as(svix.body().string()).isEqualTo(200);
            assertThat(Calls.json(svix).path("delivery_id").asText()).isEqualTo("msg_2");
            assertThat(eventsOf("openai")).hasSize(2);
        });
    }

    @Test
    void aReplayedStandardWebhooksRequestIsADuplicateInsideTheToleranceAndRefusedOutsideIt() {
        app.test((server, client) -> {
            String[] headers = {"Content-Type", Calls.JSON, "webhook-id", "msg_1", "webhook-timestamp",
                    Long.toString(now()), "webhook-signature", standardSignature("msg_1", OPENAI_EVENT)};
            Response first = Calls.post(client, "/api/v1/webhooks/openai", Requests.utf8(OPENAI_EVENT), headers);
            app.clock.advance(Duration.ofMinutes(5));
            Response inside = Calls.post(client, "/api/v1/webhooks/openai", Requests.utf8(OPENAI_EVENT), headers);
            app.clock.advance(Duration.ofSeconds(1));
            Response outside = Calls.post(client, "/api/v1/webhooks/openai", Requests.utf8(OPENAI_EVENT), headers);

            assertThat(first.code()).isEqualTo(200);
            assertThat(header(inside, "Idempotent-Replayed")).isEqualTo("true");
            assertProblem(outside, 401, "webhook-timestamp");
            assertThat(eventsOf("openai")).singleElement()
                    .satisfies(event -> assertThat(event.attempts()).isEqualTo(1));
        });
    }

    @Test
    void bothTheOldAndTheNewSecretVerifyAndTheObserverSeesWhichAThirdIsRefused() {
        String first = "{\"n\":1}";
        String second = "{\"n\":2}";
        String third = "{\"n\":3}";
        app.test((server, client) -> {
            Response byNew = Calls.post(client, "/api/v1/webhooks/acme", Requests.utf8(first), "Content-Type",
                    Calls.JSON, "X-Acme-Delivery", "a-1", "X-Acme-Signature", acmeSignature(ACME_NEW, first));
            Response byOld = Calls.post(client, "/api/v1/webhooks/acme", Requests.utf8(second), "Content-Type",
                    Calls.JSON, "X-Acme-Delivery", "a-2", "X-Acme-Signature", acmeSignature(ACME_OLD, second));
            Response byOther = Calls.post(client, "/api/v1/webhooks/acme", Requests.utf8(third), "Content-Type",
                    Calls.JSON, "X-Acme-Delivery", "a-3", "X-Acme-Signature", acmeSignature("a-third", third));

            assertThat(byNew.code()).isEqualTo(200);
            assertThat(byOld.code()).isEqualTo(200);
            assertProblem(byOther, 401, "X-Acme-Signature");
            assertThat(app.sourceObserver.seen).containsExactly("verified:acme:0", "verified:acme:1", "refused:acme");
            assertThat(eventsOf("acme")).extracting(event -> event.webhookId().value()).containsExactlyInAnyOrder(
                    "a-1", "a-2");
        });
    }

    @Test
    void theSameKeyWithAnotherBodyIsAMismatch() {
        app.test((server, client) -> {
            String other = "{\"n\":9}";
            Calls.post(client, "/api/v1/webhooks/acme", Requests.utf8("{\"n\":1}"), "Content-Type", Calls.JSON,
                    "X-Acme-Delivery", "a-1", "X-Acme-Signature", acmeSignature(ACME_NEW, "{\"n\":1}"));
            Response mismatch = Calls.post(client, "/api/v1/webhooks/acme", Requests.utf8(other), "Content-Type",
                    Calls.JSON, "X-Acme-Delivery", "a-1", "X-Acme-Signature", acmeSignature(ACME_NEW, other));

            assertProblem(mismatch, 422, "other content");
        });
    }

    @Test
    void aMissingKeyIs400NamingWhereItWasLookedForAndNothingIsWritten() {
        app.test((server, client) -> {
            var before = app.snapshot();
            String noId = "{\"object\":\"event\"}";
            Response stripe = Calls.post(client, "/api/v1/webhooks/stripe", Requests.utf8(noId),
                    "Content-Type", Calls.JSON, "Stripe-Signature", stripeHeader(noId));
            Response acme = Calls.post(client, "/api/v1/webhooks/acme", Requests.utf8(noId), "Content-Type",
                    Calls.JSON, "X-Acme-Signature", acmeSignature(ACME_NEW, noId));
            Response notJson = Calls.post(client, "/api/v1/webhooks/stripe", Requests.utf8("id=1"),
                    "Content-Type", Calls.JSON, "Stripe-Signature", stripeHeader("id=1"));

            assertProblem(stripe, 400, "JSON pointer /id");
            assertProblem(acme, 400, "header 'X-Acme-Delivery'");
            assertProblem(notJson, 400, "JSON pointer /id");
            assertThat(app.snapshot()).isEqualTo(before);
        });
    }

    @Test
    void aBadSignatureIs401NamingTheHeaderAndNothingIsWritten() {
        app.test((server, client) -> {
            var before = app.snapshot();
            Response missing = Calls.post(client, "/api/v1/webhooks/stripe", Requests.utf8(STRIPE_EVENT),
                    "Content-Type", Calls.JSON);
            Response changed = Calls.post(client, "/api/v1/webhooks/stripe", Requests.utf8(STRIPE_EVENT + " "),
                    "Content-Type", Calls.JSON, "Stripe-Signature", stripeHeader(STRIPE_EVENT));

            assertProblem(missing, 401, "'Stripe-Signature' is required");
            assertProblem(changed, 401, "'Stripe-Signature' does not match");
            assertThat(app.snapshot()).isEqualTo(before);
        });
    }

    @Test
    void aBodyOverTheSourcesOwnLimitIs413AndCountedBySourceWhileAnotherSourceTakesIt() {
        String large = "{\"n\":\"" + "x".repeat(200) + "\"}";
        app.test((server, client) -> {
            Response acme = Calls.post(client, "/api/v1/webhooks/acme", Requests.utf8(large), "Content-Type",
                    Calls.JSON, "X-Acme-Delivery", "a-1", "X-Acme-Signature", acmeSignature(ACME_NEW, large));
            String event = "{\"id\":\"evt_2\",\"pad\":\"" + "x".repeat(200) + "\"}";
            Response stripe = Calls.post(client, "/api/v1/webhooks/stripe", Requests.utf8(event),
                    "Content-Type", Calls.JSON, "Stripe-Signature", stripeHeader(event));

            assertProblem(acme, 413, "at most 100 bytes");
            assertThat(stripe.code()).isEqualTo(200);
            assertThat(app.sourceObserver.seen).containsExactly("too_large:acme", "verified:stripe:0");
            assertThat(eventsOf("acme")).isEmpty();
        });
    }

    @Test
    void anUnknownSourceIs404NamingItAndTheBuiltInNamesAreNotReceivedHere() {
        app.test((server, client) -> {
            Response unknown = Calls.post(client, "/api/v1/webhooks/shopify", Requests.utf8("{}"),
                    "Content-Type", Calls.JSON);
            Response workflow = Calls.post(client, "/api/v1/webhooks/workflow_complete", Requests.utf8("{}"),
                    "Content-Type", Calls.JSON);

            assertProblem(unknown, 404, "no source named 'shopify'");
            assertProblem(workflow, 404, "/api/v1/queue/workflow-complete");
        });
    }

    @Test
    void aGithubFormDeliveryIsVerifiedOverTheRawFormAndItsPayloadJsonIsStored() {
        String json = "{\"action\":\"opened\",\"repository\":{\"full_name\":\"octo/hello\"}}";
        String form = "payload=" + java.net.URLEncoder.encode(json, StandardCharsets.UTF_8);
        byte[] body = Requests.utf8(form);
        app.test((server, client) -> {
            Response response = Calls.post(client, "/api/v1/webhooks/github", body,
                    "Content-Type", "application/x-www-form-urlencoded", "X-GitHub-Delivery", "d-form",
                    "X-GitHub-Event", "issues", "X-Hub-Signature-256", Requests.sign(TestApp.GITHUB_SECRET, body));
            Response forged = Calls.post(client, "/api/v1/webhooks/github", Requests.utf8(form + "x"),
                    "Content-Type", "application/x-www-form-urlencoded", "X-GitHub-Delivery", "d-form-2",
                    "X-GitHub-Event", "issues", "X-Hub-Signature-256", Requests.sign(TestApp.GITHUB_SECRET, body));
            Response plainText = Calls.post(client, "/api/v1/webhooks/github", body, "Content-Type", "text/plain",
                    "X-GitHub-Delivery", "d-form-3", "X-GitHub-Event", "issues",
                    "X-Hub-Signature-256", Requests.sign(TestApp.GITHUB_SECRET, body));

            assertThat(response.code()).as(response.body().string()).isEqualTo(200);
            assertThat(app.inbox.newestFirst(10)).singleElement().satisfies(entry -> {
                assertThat(entry.payload()).isEqualTo(json);
                assertThat(entry.repository()).isEqualTo("octo/hello");
            });
            assertProblem(forged, 401, "X-Hub-Signature-256");
            assertProblem(plainText, 415, "application/x-www-form-urlencoded");
            assertThat(app.sourceObserver.seen).containsExactly("verified:github:0", "refused:github");
        });
    }
}
