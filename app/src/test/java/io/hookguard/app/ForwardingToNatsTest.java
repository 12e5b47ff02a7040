package io.hookguard.app;

import static io.hookguard.app.RunningServers.clientOf;
import static io.hookguard.app.WebhookReceiver.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.nats.NatsTestServer;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A NATS JetStream destination through the real app on PostgreSQL and the machine's NATS server (skipped with the
 * reason when none answers): a report's phase events land in the stream in order, each with its message id as
 * {@code Nats-Msg-Id}, and the messages are listed as delivered.
 */
class ForwardingToNatsTest {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @RegisterExtension
    final RunningServers servers = new RunningServers();

    private String stream;

    @BeforeEach
    void emptyTables() {
        DATABASE.reset();
        NatsTestServer.url();
        stream = NatsTestServer.uniqueName("HGAPP");
    }

    @AfterEach
    void deleteStream() throws IOException {
        try {
            NatsTestServer.management().deleteStream(stream);
        } catch (JetStreamApiException e) {
            // never created
        }
    }

    @Test
    void aReportsPhaseEventsArePublishedInOrderEachWithItsMessageIdAsNatsMsgId(@TempDir Path dir)
            throws IOException, JetStreamApiException {
        String subject = "hookguard.test." + stream.toLowerCase();
        Path file = Files.writeString(dir.resolve("hookguard.yaml"), """
                sources:
                  workflow_complete:
                    forward: [workers]
                destinations:
                  workers:
                    nats: %s
                    subject: %s
                    stream: %s
                    retry: [1s, 1s]
                """.formatted(NatsTestServer.url(), subject, stream));
        HookguardClient client = clientOf(servers.start(Map.of(
                "HOOKGUARD_DATABASE_URL", DATABASE.settings().jdbcUrl(), "HOOKGUARD_CONFIG", file.toString())));
        assertThat(client.createPhases(7, "n-1", "n-2").statusCode()).isEqualTo(201);

        assertThat(client.completeWorkflow(HookguardClient.completion("adw-n", "n-1", 7)).statusCode())
                .isEqualTo(200);
        assertThat(awaitUntil(Duration.ofSeconds(30), () -> client.get("/api/v1/messages?status=delivered")
                .body().split("\"id\"").length - 1 == 2)).isTrue();

        JetStreamManagement management = NatsTestServer.management();
        assertThat(management.getStreamInfo(stream).getStreamState().getMsgCount()).isEqualTo(2);
        List<MessageInfo> stored = new ArrayList<>();
        for (long seq = 1; seq <= 2; seq++) {
            stored.add(management.getMessage(stream, seq));
        }
        String listed = client.get("/api/v1/messages?destination=workers").body();
        assertThat(stored).allSatisfy(message -> {
            assertThat(message.getHeaders().getFirst("hookguard-source")).isEqualTo("workflow_complete");
            assertThat(listed).contains("\"id\":\"" + message.getHeaders().getFirst("Nats-Msg-Id") + "\"");
        });
        assertThat(stored).extracting(message -> new String(message.getData(), StandardCharsets.UTF_8))
                .satisfiesExactly(
                        first -> assertThat(first).contains("\"type\":\"phase.completed\""),
                        second -> assertThat(second).contains("\"type\":\"phase.ready\""));
        assertThat(client.get("/health/ready").statusCode()).isEqualTo(200);
    }
}
