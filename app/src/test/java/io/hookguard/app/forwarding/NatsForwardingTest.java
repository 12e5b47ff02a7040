package io.hookguard.app.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.app.HookguardClient;
import io.hookguard.nats.NatsTestServer;
import io.hookguard.nats.PrivateNatsServer;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forwarding to NATS JetStream end to end: the real server on PostgreSQL publishes the phase queue's events to a
 * stream of the machine's NATS server, or of a private nats-server that the test stops and starts again.
 */
class NatsForwardingTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @RegisterExtension
    final Servers servers = new Servers();

    @TempDir
    Path directory;

    private final Outbox outbox = new Outbox(DATABASE);

    @BeforeEach
    void emptyTables() {
        DATABASE.reset();
    }

    private HookguardClient start(String natsUrl, String subject, String stream) throws Exception {
        Path file = ForwardingFile.create()
                .workflowCompleteForwardsTo("workers")
                .nats("workers", natsUrl, subject, stream, "[1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s]")
                .writeTo(directory);
        return Servers.client(servers.start(Servers.environment(DATABASE.settings().jdbcUrl(), file)).port());
    }

    private static void planIssues(HookguardClient client, int issues, int phases) {
        for (int issue = 1; issue <= issues; issue++) {
            String[] ids = new String[phases];
            for (int phase = 1; phase <= phases; phase++) {
                ids[phase - 1] = "n-" + issue + "-" + phase;
            }
            assertThat(client.createPhases(issue, ids).statusCode()).isEqualTo(201);
        }
    }

    private static void complete(HookguardClient client, int issue, int phase) {
        assertThat(client.completeWorkflow(HookguardClient.completion("adw-n" + issue + "-" + phase,
                "n-" + issue + "-" + phase, issue)).statusCode()).isEqualTo(200);
    }

    private static Set<String> outboxIds() {
        return DATABASE.database().dsl().select(DSL.field(DSL.name("id"), String.class))
                .from(DSL.table(DSL.name("outbox_messages"))).fetchSet(DSL.field(DSL.name("id"), String.class));
    }

    @Test
    void everyMessageIsInTheStreamOnceWithItsHeadersAndPhaseEventsOfAnIssueInOrder() throws Exception {
        String stream = NatsTestServer.uniqueName("HG_E2E");
        String subject = "hookguard.e2e." + stream.toLowerCase(java.util.Locale.ROOT);
        int issues = 8;
        try (Streams streams = Streams.connect(NatsTestServer.url())) {
            try {
                HookguardClient client = start(NatsTestServer.url(), subject, stream);
                planIssues(client, issues, 3);
                for (int issue = 1; issue <= issues; issue++) {
                    complete(client, issue, 1);
                    complete(client, issue, 2);
                }
                Await.until(() -> outbox.messages("DELIVERED") == 4 * issues, WITHIN,
                        () -> outbox.messages("DELIVERED") + " delivered of " + outbox.messages());

                List<Streams.Stored> stored = streams.messages(stream);
                assertThat(stored).hasSize(4 * issues);
                assertThat(stored.stream().map(Streams.Stored::msgId).collect(Collectors.toSet()))
                        .as("each Nats-Msg-Id once, the outbox's message ids").isEqualTo(outboxIds());
                assertThat(stored).allSatisfy(message -> {
                    assertThat(message.subject()).isEqualTo(subject);
                    assertThat(message.msgId()).startsWith("msg_");
                    assertThat(message.source()).isEqualTo("workflow_complete");
                    assertThat(message.event()).isEqualTo(message.type());
                    assertThat(message.deliveryId()).isNotBlank();
                });
                for (int issue = 1; issue <= issues; issue++) {
                    String parent = String.valueOf(issue);
                    assertThat(stored.stream().filter(message -> parent.equals(message.field("parent_issue")))
                            .map(message -> message.type() + " " + message.field("queue_id")))
                            .containsExactly("phase.completed n-" + issue + "-1", "phase.ready n-" + issue + "-2",
                                    "phase.completed n-" + issue + "-2", "phase.ready n-" + issue + "-3");
                }
            } finally {
                streams.deleteStream(stream);
            }
        }
    }

    @Test
    void whileNatsIsDownIntakeAnswersAndStaysReadyAndAfterItReturnsEveryMessageIsInTheStreamOnce() throws Exception {
        int issues = 6;
        String stream = "HG_OUTAGE";
        try (PrivateNatsServer nats = PrivateNatsServer.start(Files.createDirectories(directory.resolve("nats")))) {
            HookguardClient client = start(nats.url(), "hookguard.outage", stream);
            planIssues(client, issues, 2);
            complete(client, 1, 1);
            Await.until(() -> outbox.messages("DELIVERED") == 2, WITHIN, () -> outbox.messages("DELIVERED") + " delivered");

            nats.stop();
            for (int issue = 2; issue <= issues; issue++) {
                complete(client, issue, 1);
            }
            assertThat(client.get("/health/ready").statusCode()).as("readiness is about intake").isEqualTo(200);
            Await.until(() -> outbox.messages("DELIVERED") == 2 && attemptsFailed() > 0, WITHIN,
                    () -> "no failed attempt while NATS is down");
            nats.restart();

            Await.until(() -> outbox.messages("DELIVERED") == 2 * issues, WITHIN,
                    () -> outbox.messages("DELIVERED") + " delivered of " + outbox.messages());
            try (Streams streams = Streams.connect(nats.url())) {
                List<Streams.Stored> stored = streams.messages(stream);
                assertThat(stored).hasSize(2 * issues);
                assertThat(stored.stream().map(Streams.Stored::msgId).collect(Collectors.toSet()))
                        .isEqualTo(outboxIds());
            }
            assertThat(client.get("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    private static int attemptsFailed() {
        return DATABASE.database().dsl().fetchCount(DSL.table(DSL.name("outbox_attempts")),
                DSL.field(DSL.name("outcome")).eq("FAILED"));
    }
}
