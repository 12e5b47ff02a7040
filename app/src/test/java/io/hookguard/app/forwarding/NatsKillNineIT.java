package io.hookguard.app.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.app.HookguardClient;
import io.hookguard.app.JarProcess;
import io.hookguard.nats.NatsTestServer;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar killed with SIGKILL after JetStream stored a message and before the outbox recorded it as delivered:
 * after the restart the message is published again with the same {@code Nats-Msg-Id}, and the stream holds it once.
 * The window between the two is held open by the test in the database: a trigger makes the update that settles a
 * message as delivered wait for an advisory lock the test holds.
 */
class NatsKillNineIT {

    private static final long GATE = 7_413_001L;
    /** The lease of the killed process expires (acknowledgement timeout plus 30 s) before the message is retried. */
    private static final Duration WITHIN = Duration.ofSeconds(120);

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @TempDir
    Path directory;

    private final Outbox outbox = new Outbox(DATABASE);

    @BeforeEach
    void emptyTables() {
        DATABASE.reset();
    }

    @Test
    void killedBetweenPublishAndRecordingTheAcknowledgementThenRepublishedAndStoredOnce() throws Exception {
        String url = NatsTestServer.url();
        String stream = NatsTestServer.uniqueName("HG_KILL");
        Path file = ForwardingFile.create()
                .workflowCompleteForwardsTo("workers")
                .nats("workers", url, "hookguard.kill." + stream.toLowerCase(java.util.Locale.ROOT), stream,
                        "[1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s]")
                .writeTo(directory);
        var env = Servers.environment(DATABASE.settings().jdbcUrl(), file);
        try (Streams streams = Streams.connect(url); Connection gate = DriverManager.getConnection(
                DATABASE.settings().jdbcUrl())) {
            try {
                try (JarProcess first = JarProcess.start(env, directory)) {
                    HookguardClient client = Servers.client(first.port());
                    assertThat(client.createPhases(1, "k-1", "k-2").statusCode()).isEqualTo(201);
                    holdSettlingAsDelivered(gate);
                    assertThat(client.completeWorkflow(HookguardClient.completion("adw-k", "k-1", 1)).statusCode())
                            .isEqualTo(200);
                    Await.until(() -> !streams.messages(stream).isEmpty(), WITHIN, () -> "nothing published");
                    awaitSettleWaiting(gate);
                    first.kill();
                }
                assertThat(outbox.messages("DELIVERED")).as("the kill came before the acknowledgement was recorded")
                        .isZero();
                List<Streams.Stored> beforeRestart = streams.messages(stream);
                openTheGate(gate);

                try (JarProcess second = JarProcess.start(env, directory)) {
                    Await.until(() -> outbox.messages("DELIVERED") == 2, WITHIN,
                            () -> outbox.messages("DELIVERED") + " delivered");
                }
                List<Streams.Stored> stored = streams.messages(stream);
                assertThat(beforeRestart).hasSize(1);
                assertThat(stored).as("the republished message was dropped as a duplicate").hasSize(2);
                assertThat(stored.stream().map(Streams.Stored::msgId).distinct()).hasSize(2);
                assertThat(stored.get(0).msgId()).isEqualTo(beforeRestart.get(0).msgId());
                assertThat(stored.stream().map(Streams.Stored::type)).containsExactly("phase.completed", "phase.ready");
            } finally {
                streams.deleteStream(stream);
            }
        }
    }

    /** From now on, marking a message DELIVERED waits until {@link #openTheGate}. */
    private static void holdSettlingAsDelivered(Connection gate) throws Exception {
        try (Statement statement = gate.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + GATE + ")");
            statement.execute("CREATE OR REPLACE FUNCTION fwd_e2e_gate() RETURNS trigger AS $$ BEGIN "
                    + "PERFORM pg_advisory_lock(" + GATE + "); PERFORM pg_advisory_unlock(" + GATE + "); "
                    + "RETURN NEW; END $$ LANGUAGE plpgsql");
            statement.execute("CREATE TRIGGER fwd_e2e_gate BEFORE UPDATE ON outbox_messages FOR EACH ROW "
                    + "WHEN (NEW.status = 'DELIVERED' AND OLD.status <> 'DELIVERED') EXECUTE FUNCTION fwd_e2e_gate()");
        }
    }

    /** Waits until a backend of the jar waits for the gate: the settle has started and not finished. */
    private static void awaitSettleWaiting(Connection gate) throws Exception {
        Await.until(() -> waitingForGate(gate) > 0, WITHIN, () -> "no settle waits for the gate");
    }

    private static long waitingForGate(Connection gate) {
        try (Statement statement = gate.createStatement();
                var result = statement.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                        + "AND objid = " + GATE + " AND NOT granted")) {
            result.next();
            return result.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Ends the killed jar's backends that still wait (their transaction must not commit after the process died —
     * PostgreSQL would notice the dead client only when it next writes to it), removes the trigger, releases the gate.
     */
    private static void openTheGate(Connection gate) throws Exception {
        try (Statement statement = gate.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                    + "AND objid = " + GATE + " AND NOT granted");
            statement.execute("DROP TRIGGER fwd_e2e_gate ON outbox_messages");
            statement.execute("SELECT pg_advisory_unlock(" + GATE + ")");
        }
    }
}
