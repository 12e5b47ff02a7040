package io.hookguard.app.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.app.Hookguard;
import io.hookguard.app.HookguardClient;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forwarding end to end: the real server (production modules) on PostgreSQL forwards the phase queue's events to a
 * real HTTP receiver on loopback, which verifies every request with the Standard Webhooks reference library.
 */
class PhaseEventForwardingTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @RegisterExtension
    final Servers servers = new Servers();

    @TempDir
    Path directory;

    private Receiver receiver;
    private final Outbox outbox = new Outbox(DATABASE);

    @BeforeEach
    void emptyTablesAndStartReceiver() throws Exception {
        DATABASE.reset();
        receiver = Receiver.start(ForwardingFile.SECRET);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private Map<String, String> environment() throws Exception {
        Path file = ForwardingFile.create()
                .workflowCompleteForwardsTo("backend")
                .http("backend", receiver.url(), "[1s, 2s]")
                .writeTo(directory);
        return Servers.environment(DATABASE.settings().jdbcUrl(), file);
    }

    private HookguardClient startOne() throws Exception {
        Hookguard hookguard = servers.start(environment());
        return Servers.client(hookguard.port());
    }

    /** The accepted phase events of {@code issue}, as "type queue_id", in the order the receiver accepted them. */
    private List<String> eventsOf(int issue) {
        return receiver.acceptedOnce().values().stream()
                .filter(request -> String.valueOf(issue).equals(request.field("parent_issue")))
                .map(request -> request.type() + " " + request.field("queue_id"))
                .toList();
    }

    @Test
    void completedPhaseIsForwardedAsCompletedThenReadyOnceAndItsResendForwardsNothing() throws Exception {
        HookguardClient client = startOne();
        assertThat(client.createPhases(42, "q-1", "q-2").statusCode()).isEqualTo(201);
        String report = HookguardClient.completion("adw-1", "q-1", 42);

        assertThat(client.completeWorkflow(report).statusCode()).isEqualTo(200);
        receiver.awaitAcceptedIds(2, WITHIN);
        HttpResponse<String> resend = client.completeWorkflow(report);
        assertThat(resend.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(outbox.messages()).as("the resend wrote no message").isEqualTo(2);
        // the next report of the same issue is ordered after everything before it: once it arrives, nothing
        // else of the first report is still on its way
        client.completeWorkflow(HookguardClient.completion("adw-2", "q-2", 42));
        receiver.awaitAcceptedIds(3, WITHIN);

        assertThat(eventsOf(42)).containsExactly("phase.completed q-1", "phase.ready q-2", "phase.completed q-2");
        assertThat(receiver.requests()).as("every request verified, each id accepted once: %s", receiver.summary())
                .allSatisfy(request -> assertThat(request.verified()).isTrue())
                .hasSize(3);
        Receiver.Request ready = receiver.accepted().get(1);
        assertThat(ready.header("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(ready.header("hookguard-source")).hasValue("workflow_complete");
        assertThat(ready.header("hookguard-event")).hasValue("phase.ready");
        assertThat(ready.webhookId()).startsWith("msg_");
        assertThat(ready.field("phase_number")).isEqualTo("2");
        assertThat(ready.field("status")).isEqualTo("ready");
        Await.until(() -> outbox.messages("DELIVERED") == 3, WITHIN, () -> outbox.messages("DELIVERED") + " delivered");
    }

    @Test
    void failedAttemptIsRetriedOnTheScheduleAndDeliveredWithTheSameWebhookId() throws Exception {
        receiver.answer(attempt -> attempt.nth() == 1 ? 500 : 204);
        HookguardClient client = startOne();
        client.createPhases(7, "r-1", "r-2");

        client.completeWorkflow(HookguardClient.completion("adw-r", "r-1", 7));
        receiver.awaitAcceptedIds(2, WITHIN);

        assertThat(receiver.requests()).as(receiver.summary()).hasSize(4)
                .allSatisfy(request -> assertThat(request.verified()).isTrue());
        assertThat(receiver.requests().stream().map(Receiver.Request::answered))
                .containsExactly(500, 204, 500, 204);
        assertThat(receiver.requests().stream().map(Receiver.Request::webhookId).distinct()).hasSize(2);
        assertThat(eventsOf(7)).containsExactly("phase.completed r-1", "phase.ready r-2");
        Await.until(() -> outbox.messages("DELIVERED") == 2, WITHIN, () -> outbox.messages("DELIVERED") + " delivered");
    }

    @Test
    void laterPhaseEventWaitsWhileTheFirstAttemptOfTheEarlierOneFails() throws Exception {
        receiver.answer(attempt -> attempt.body().contains("phase.completed") && attempt.nth() == 1 ? 500 : 204);
        HookguardClient client = startOne();
        client.createPhases(9, "o-1", "o-2", "o-3");

        client.completeWorkflow(HookguardClient.completion("adw-o1", "o-1", 9));
        client.completeWorkflow(HookguardClient.completion("adw-o2", "o-2", 9));
        receiver.awaitAcceptedIds(4, WITHIN);

        assertThat(eventsOf(9)).containsExactly("phase.completed o-1", "phase.ready o-2", "phase.completed o-2",
                "phase.ready o-3");
        List<Receiver.Request> requests = receiver.requests();
        assertThat(requests.stream().map(request -> request.type() + " " + request.answered()))
                .as("nothing later is attempted while an earlier event is pending")
                .containsExactly("phase.completed 500", "phase.completed 204", "phase.ready 204",
                        "phase.completed 500", "phase.completed 204", "phase.ready 204");
    }

    @Test
    void twoInstancesOnOneOutboxNeverAttemptOneMessageAtOnceAndDeliverEverything() throws Exception {
        int issues = 12;
        // a backend that takes a moment, so that the instances' passes overlap in time
        receiver.answer(attempt -> {
            pause(Duration.ofMillis(20));
            return 204;
        });
        Map<String, String> env = environment();
        HookguardClient first = Servers.client(servers.start(env).port());
        HookguardClient second = Servers.client(servers.start(env).port());
        for (int issue = 1; issue <= issues; issue++) {
            first.createPhases(100 + issue, "t-" + issue + "-1", "t-" + issue + "-2");
        }

        for (int issue = 1; issue <= issues; issue++) {
            HookguardClient via = issue % 2 == 0 ? first : second;
            assertThat(via.completeWorkflow(HookguardClient.completion("adw-t" + issue, "t-" + issue + "-1",
                    100 + issue)).statusCode()).isEqualTo(200);
        }
        receiver.awaitAcceptedIds(2 * issues, WITHIN);

        assertThat(receiver.overlappingAttempts()).as("ids attempted by both instances at once").isEmpty();
        assertThat(receiver.requests()).allSatisfy(request -> assertThat(request.verified()).isTrue());
        for (int issue = 1; issue <= issues; issue++) {
            assertThat(eventsOf(100 + issue)).containsExactly("phase.completed t-" + issue + "-1",
                    "phase.ready t-" + issue + "-2");
        }
        Await.until(() -> outbox.messages("DELIVERED") == 2 * issues, WITHIN,
                () -> outbox.messages("DELIVERED") + " delivered");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
