package io.hookguard.app;

import static io.hookguard.app.RunningServers.clientOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.outbox.MessageQuery;
import io.hookguard.domain.outbox.MessageStatus;
import io.hookguard.domain.outbox.MessageView;
import io.hookguard.persistence.JooqOutboxStore;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The production modules write a report's phase events to the outbox of the configured destination, once. */
class ForwardingWiringTest {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @RegisterExtension
    final RunningServers servers = new RunningServers();

    @BeforeEach
    void emptyTables() {
        DATABASE.reset();
    }

    @Test
    void reportCompletingPhaseOneWritesPhaseCompletedThenPhaseReadyAndItsResendNothing(@TempDir Path dir)
            throws IOException {
        Path file = Files.writeString(dir.resolve("hookguard.yaml"), """
                destinations:
                  backend:
                    url: http://127.0.0.1:9/hooks
                    secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                sources:
                  workflow_complete:
                    forward: [backend]
                """);
        Hookguard hookguard = servers.start(Map.of("HOOKGUARD_DATABASE_URL", DATABASE.settings().jdbcUrl(),
                "HOOKGUARD_CONFIG", file.toString()));
        HookguardClient client = clientOf(hookguard);
        assertThat(client.createPhases(42, "q-1", "q-2").statusCode()).isEqualTo(201);

        String report = HookguardClient.completion("adw-1", "q-1", 42);
        assertThat(client.completeWorkflow(report).statusCode()).isEqualTo(200);
        assertThat(client.completeWorkflow(report).headers().firstValue("Idempotent-Replayed")).hasValue("true");

        List<MessageView> messages = oldestFirst(new JooqOutboxStore(DATABASE.database())
                .list(new MessageQuery(null, null, 10)));
        assertThat(messages).extracting(view -> view.message().eventType()).containsExactly("phase.completed",
                "phase.ready");
        assertThat(messages).allSatisfy(view -> {
            assertThat(view.message().destination().value()).isEqualTo("backend");
            assertThat(view.message().orderingKey()).isEqualTo("42");
            assertThat(view.message().contentType()).isEqualTo("application/json");
            assertThat(view.status()).isEqualTo(MessageStatus.PENDING);
        });
        assertThat(new String(messages.get(1).message().body(), StandardCharsets.UTF_8))
                .startsWith("{\"type\":\"phase.ready\",\"timestamp\":\"")
                .endsWith("\"data\":{\"queue_id\":\"q-2\",\"parent_issue\":42,\"phase_number\":2,\"title\":\"phase 2\","
                        + "\"status\":\"ready\",\"adw_id\":null,\"error_message\":null}}");
    }

    private static List<MessageView> oldestFirst(List<MessageView> newestFirst) {
        List<MessageView> reversed = new ArrayList<>(newestFirst);
        Collections.reverse(reversed);
        return reversed;
    }
}
