package io.hookguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.persistence.testing.PostgresTestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar as a separate process: the newcomer's first command, a hard kill, and SIGTERM. */
class JarEndToEndIT {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @TempDir
    Path workDir;

    @Test
    void embeddedDefaultServesTheOriginalScenario() throws Exception {
        try (JarProcess jar = JarProcess.start(Map.of(), workDir)) {
            HookguardClient client = new HookguardClient(jar.port(), null, null);
            assertThat(client.createPhases(42, "q-1", "q-2").statusCode()).isEqualTo(201);
            String completion = HookguardClient.completion("adw-1", "q-1", 42);

            HttpResponse<String> first = client.completeWorkflow(completion);
            HttpResponse<String> resend = client.completeWorkflow(completion);

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).contains("\"next_phase_triggered\":true");
            assertThat(resend.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(client.get("/api/v1/queue/42").body()).contains("\"status\":\"completed\"", "\"status\":\"ready\"");
            assertThat(jar.log()).contains("embedded H2", "bind 127.0.0.1:", "signatures workflow-complete=OFF");
            assertThat(Files.list(workDir.resolve("data"))).isNotEmpty();
        }
    }

    @Test
    void hardKilledInstanceKeepsWhatItConfirmedAndTheResendIsADuplicate() throws Exception {
        Map<String, String> env = Map.of(
                "HOOKGUARD_DATABASE_URL", DATABASE.settings().jdbcUrl(),
                "HOOKGUARD_WEBHOOK_SECRET", "jar-secret");
        String completion = HookguardClient.completion("adw-kill", "k-1", 77);
        try (JarProcess first = JarProcess.start(env, workDir)) {
            HookguardClient client = new HookguardClient(first.port(), "jar-secret", null);
            client.createPhases(77, "k-1", "k-2");
            assertThat(client.completeWorkflow(completion).statusCode()).isEqualTo(200);
            first.kill();
        }

        try (JarProcess second = JarProcess.start(env, workDir)) {
            HookguardClient client = new HookguardClient(second.port(), "jar-secret", null);
            HttpResponse<String> resend = client.completeWorkflow(completion);

            assertThat(resend.statusCode()).isEqualTo(200);
            assertThat(resend.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(DATABASE.database().dsl().fetchCount(DSL.table(DSL.name("webhook_events")))).isEqualTo(1);
        }
    }

    @Test
    void sigtermStopsGracefullyAndNeverLogsSecrets() throws Exception {
        Map<String, String> env = Map.of(
                "HOOKGUARD_DATABASE_URL", DATABASE.settings().jdbcUrl(),
                "HOOKGUARD_WEBHOOK_SECRET", "never-log-this-webhook-secret",
                "HOOKGUARD_GITHUB_SECRET", "never-log-this-github-secret",
                "HOOKGUARD_ADMIN_TOKEN", "never-log-this-admin-token",
                "HOOKGUARD_HOST", "127.0.0.1");
        try (JarProcess jar = JarProcess.start(env, workDir)) {
            HookguardClient client = new HookguardClient(jar.port(), "wrong-secret", "wrong-token");
            assertThat(client.completeWorkflow(HookguardClient.completion("a", "b", 1)).statusCode()).isEqualTo(401);
            assertThat(client.get("/api/v1/webhook-events").statusCode()).isEqualTo(401);

            assertThat(jar.terminate()).as("the JVM's status after its shutdown hooks ran on SIGTERM").isEqualTo(143);
            assertThat(jar.log())
                    .contains("Hookguard stopping", "Hookguard stopped", "signatures workflow-complete=verified")
                    .doesNotContain("never-log-this");
        }
    }

    @Test
    void migrateOnPostgresqlNamesTheUserAndMasksThePassword() throws Exception {
        String url = DATABASE.settings().jdbcUrl() + "&password=never-print-this";

        JarProcess.Exit exit = JarProcess.run(Map.of("HOOKGUARD_DATABASE_URL", url), workDir, "migrate");

        assertThat(exit.status()).isZero();
        assertThat(exit.stdout())
                .endsWith("migrated " + url.replace("never-print-this", "****") + " as user '"
                        + DATABASE.database().currentUser() + "' to schema version " + DATABASE.database().migrate()
                        + System.lineSeparator())
                .doesNotContain("never-print-this");
    }
}
