package io.hookguard.app.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.app.HookguardClient;
import io.hookguard.app.JarProcess;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar killed with SIGKILL while it forwards: messages committed to the outbox survive the process, and
 * whatever was cut off mid-attempt is sent again with the same {@code webhook-id}, so a backend that deduplicates
 * by it acts once.
 */
class ForwardingKillNineIT {

    private static final int ISSUES = 5;
    /**
     * Attempts the jar makes to one HTTP destination at once (its workers per destination). Holding more first
     * attempts than this can only happen after one of the held attempts timed out and was settled as a failure, so
     * what is "in flight" at the kill would be a race with the destination's timeout and retries.
     */
    private static final int WORKERS = 4;
    /**
     * A lease outlives the killed process by the destination's timeout plus 30 s (an HTTP destination's attempts of
     * one batch run together, so one timeout covers the batch).
     */
    private static final Duration WITHIN = Duration.ofSeconds(90);

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

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
        return environment("2s");
    }

    private Map<String, String> environment(String timeout) throws Exception {
        Path file = ForwardingFile.create()
                .workflowCompleteForwardsTo("backend")
                .http("backend", receiver.url(), "[1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s]", timeout)
                .writeTo(directory);
        return Servers.environment(DATABASE.settings().jdbcUrl(), file);
    }

    private static void reportPhaseOneOfEveryIssue(HookguardClient client) {
        for (int issue = 1; issue <= ISSUES; issue++) {
            assertThat(client.createPhases(issue, "k-" + issue + "-1", "k-" + issue + "-2").statusCode())
                    .isEqualTo(201);
        }
        for (int issue = 1; issue <= ISSUES; issue++) {
            assertThat(client.completeWorkflow(HookguardClient.completion("adw-k" + issue, "k-" + issue + "-1", issue))
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    void messagesPendingWhenTheJarIsKilledAreDeliveredAfterTheRestart() throws Exception {
        receiver.answer(attempt -> 503);
        Map<String, String> env = environment();
        try (JarProcess first = JarProcess.start(env, directory)) {
            reportPhaseOneOfEveryIssue(Servers.client(first.port()));
            receiver.awaitRequests(1, WITHIN);
            first.kill();
        }
        assertThat(outbox.messages("PENDING")).as("committed messages outlive the process").isEqualTo(2 * ISSUES);
        receiver.answer(attempt -> 204);

        try (JarProcess second = JarProcess.start(env, directory)) {
            receiver.awaitAcceptedIds(2 * ISSUES, WITHIN);
            Await.until(() -> outbox.messages("DELIVERED") == 2 * ISSUES, WITHIN,
                    () -> outbox.messages("DELIVERED") + " delivered");
        }
        assertThat(receiver.requests()).allSatisfy(request -> assertThat(request.verified()).isTrue());
        for (int issue = 1; issue <= ISSUES; issue++) {
            int parent = issue;
            assertThat(receiver.acceptedOnce().values().stream()
                    .filter(request -> String.valueOf(parent).equals(request.field("parent_issue")))
                    .map(Receiver.Request::type)).containsExactly("phase.completed", "phase.ready");
        }
    }

    @Test
    void attemptInFlightWhenTheJarIsKilledIsSentAgainWithTheSameWebhookId() throws Exception {
        receiver.holdWhile(attempt -> attempt.nth() == 1);
        // a held attempt must stay in flight until the kill: the timeout outlasts the hold (lease 5 s + 30 s)
        Map<String, String> env = environment("5s");
        try (JarProcess first = JarProcess.start(env, directory)) {
            reportPhaseOneOfEveryIssue(Servers.client(first.port()));
            // every worker is in an attempt the backend holds; the other messages are leased or wait behind them
            receiver.awaitHeld(WORKERS, WITHIN);
            first.kill();
        }
        assertThat(outbox.attempted()).as("attempts settled before the kill: %s", outbox.describe()).isZero();
        receiver.release();
        // the held requests end against a dead connection; the backend had received them
        receiver.awaitRequests(WORKERS, WITHIN);
        Set<String> cutOff = receiver.requests().stream().map(Receiver.Request::webhookId).collect(Collectors.toSet());

        try (JarProcess second = JarProcess.start(env, directory)) {
            try {
                receiver.awaitAcceptedIds(2 * ISSUES, WITHIN);
            } catch (AssertionError notDelivered) {
                throw new AssertionError(notDelivered.getMessage() + "\noutbox: " + outbox.describe()
                        + "\nrestarted jar's log:\n" + second.log(), notDelivered);
            }
            Await.until(() -> outbox.messages("DELIVERED") == 2 * ISSUES, WITHIN,
                    () -> outbox.messages("DELIVERED") + " delivered");
        }
        List<Receiver.Request> requests = receiver.requests();
        assertThat(requests).allSatisfy(request -> assertThat(request.verified()).isTrue());
        assertThat(cutOff).hasSize(WORKERS);
        Map<String, Long> received = requests.stream()
                .collect(Collectors.groupingBy(Receiver.Request::webhookId, Collectors.counting()));
        assertThat(received).as("%s", receiver.summary()).hasSize(2 * ISSUES);
        assertThat(received.entrySet()).allSatisfy(entry -> assertThat(entry.getValue())
                .as(entry.getKey()).isEqualTo(cutOff.contains(entry.getKey()) ? 2L : 1L));
    }
}
