package io.hookguard.http;

import static io.hookguard.http.Calls.assertProblem;
import static io.hookguard.http.Calls.github;
import static io.hookguard.http.Calls.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.github.InboxEntry;
import io.javalin.testtools.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GithubRouteTest {

    private static final String ISSUE_OPENED = "{\"action\":\"opened\",\"issue\":{\"number\":7},"
            + "\"repository\":{\"full_name\":\"octo/hello\"}}";

    private final TestApp app = TestApp.secured();

    @Test
    void githubsDocumentedTestVectorPassesSignatureVerification() {
        String documentedSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        app.test((server, client) -> {
            Response verified = Calls.post(client, "/api/v1/webhooks/github", Requests.utf8("Hello, World!"),
                    "Content-Type", Calls.JSON, "X-GitHub-Delivery", "d-vector", "X-GitHub-Event", "issues",
                    "X-Hub-Signature-256", documentedSignature);
            Response forged = Calls.post(client, "/api/v1/webhooks/github", Requests.utf8("Hello, World?"),
                    "Content-Type", Calls.JSON, "X-GitHub-Delivery", "d-vector", "X-GitHub-Event", "issues",
                    "X-Hub-Signature-256", documentedSignature);

            // The signature holds, so the request gets as far as parsing: "Hello, World!" is not a JSON object.
            assertProblem(verified, 400, "not valid JSON");
            assertProblem(forged, 401, "X-Hub-Signature-256");
        });
    }

    @Test
    void acceptedDeliveryIsAppendedToTheInboxAndAnsweredWithTheReceipt() {
        app.test((server, client) -> {
            Response response = github(client, "d-1", "issues", ISSUE_OPENED);

            assertThat(response.code()).isEqualTo(200);
            assertThat(header(response, "X-Webhook-Id")).isEqualTo("d-1");
            assertThat(header(response, "Content-Type")).startsWith("application/json");
            assertThat(response.body().string()).isEqualTo("{\"delivery_id\":\"d-1\",\"event\":\"issues\",\"stored\":true}");
            assertThat(app.inbox.newestFirst(10)).singleElement().satisfies(entry -> {
                assertThat(entry.deliveryId().value()).isEqualTo("d-1");
                assertThat(entry.action()).isEqualTo("opened");
                assertThat(entry.repository()).isEqualTo("octo/hello");
                assertThat(entry.payload()).isEqualTo(ISSUE_OPENED);
            });
            assertThat(app.observer.outcomes()).containsExactly("github:processed");
        });
    }

    @Test
    void redeliveryIsReplayedWithTheStoredResponseAndAppendedOnce() {
        app.test((server, client) -> {
            Response first = github(client, "d-1", "issues", ISSUE_OPENED);
            app.clock.advance(Duration.ofHours(1));

            Response redelivery = github(client, "d-1", "issues", ISSUE_OPENED);

            assertThat(redelivery.code()).isEqualTo(200);
            assertThat(header(redelivery, "Idempotent-Replayed")).isEqualTo("true");
            assertThat(header(redelivery, "X-Webhook-Id")).isEqualTo("d-1");
            assertThat(redelivery.body().string()).isEqualTo(first.body().string());
            assertThat(app.inbox.newestFirst(10)).hasSize(1);
            assertThat(app.observer.outcomes()).containsExactly("github:processed", "github:duplicate");
        });
    }

    @Test
    void sameDeliveryIdWithOtherContentIs422() {
        app.test((server, client) -> {
            github(client, "d-1", "issues", ISSUE_OPENED);

            Response other = github(client, "d-1", "issues", ISSUE_OPENED.replace("opened", "closed"));

            assertProblem(other, 422, "other content");
            assertThat(header(other, "X-Webhook-Id")).isEqualTo("d-1");
            assertThat(app.inbox.newestFirst(10)).extracting(InboxEntry::action).containsExactly("opened");
            assertThat(app.observer.outcomes()).containsExactly("github:processed", "github:mismatch");
        });
    }

    @Test
    void pingIsAcknowledgedWithoutBeingStoredInTheInbox() {
        app.test((server, client) -> {
            Response ping = github(client, "d-ping", "ping", "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}");

            assertThat(ping.code()).isEqualTo(200);
            assertThat(ping.body().string()).isEqualTo("{\"delivery_id\":\"d-ping\",\"event\":\"ping\",\"stored\":false}");
            assertThat(app.inbox.newestFirst(10)).isEmpty();
            assertThat(app.events.findRecent(10)).hasSize(1);
        });
    }

    @Test
    void storeUnavailableIs503WithRetryAfterAndNothingIsStored() {
        app.test((server, client) -> {
            app.events.setAvailable(false);

            Response response = github(client, "d-1", "issues", ISSUE_OPENED);

            assertProblem(response, 503, "retry later");
            assertThat(header(response, "Retry-After")).isEqualTo("5");
            assertThat(header(response, "X-Webhook-Id")).isEqualTo("d-1");
            assertThat(app.inbox.newestFirst(10)).isEmpty();
            assertThat(app.observer.outcomes()).containsExactly("github:unavailable");
        });
    }

    @Test
    void deliveryIdIsEchoedEvenWhenTheSignatureIsRefused() {
        app.test((server, client) -> {
            Response response = Calls.post(client, "/api/v1/webhooks/github", Requests.utf8(ISSUE_OPENED),
                    "Content-Type", Calls.JSON, "X-GitHub-Delivery", "d-7", "X-GitHub-Event", "issues");

            assertProblem(response, 401, "X-Hub-Signature-256");
            assertThat(header(response, "X-Webhook-Id")).isEqualTo("d-7");
            assertThat(app.observer.outcomes()).containsExactly("github:invalid");
        });
    }

    @Test
    void unsignedDeliveryIsAcceptedWhenNoSecretIsConfigured() {
        TestApp open = TestApp.open();
        open.test((server, client) -> {
            Response response = Calls.post(client, "/api/v1/webhooks/github", Requests.utf8(ISSUE_OPENED),
                    "Content-Type", Calls.JSON, "X-GitHub-Delivery", "d-1", "X-GitHub-Event", "issues");

            assertThat(response.code()).isEqualTo(200);
            assertThat(open.inbox.newestFirst(10)).hasSize(1);
        });
    }
}
