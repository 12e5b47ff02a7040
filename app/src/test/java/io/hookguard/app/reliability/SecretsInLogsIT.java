package io.hookguard.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.app.HookguardClient;
import io.hookguard.app.JarProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Secrets: every jar of the harness runs with the same distinctive webhook secret, GitHub secret, admin token and
 * database password. This class runs last; it drives one more jar through every kind of request, answer and
 * shutdown, then searches the logs of every jar of the run (every scenario before it) for those values.
 */
@Order(Integer.MAX_VALUE)
class SecretsInLogsIT {

    @RegisterExtension
    static final ScenarioDatabase DATABASE = new ScenarioDatabase();

    @Test
    void noLogOfTheRunHoldsASecretOrTheAdminToken() throws Exception {
        try (Fleet fleet = new Fleet("secrets", DATABASE, Map.of())) {
            JarProcess jar = fleet.start();
            Phases.plan(DATABASE, 1, 1);
            HookguardClient signed = Fleet.client(jar);
            HookguardClient wrong = new HookguardClient(jar.port(), "wrong-" + Secrets.WEBHOOK, "wrong-" + Secrets.ADMIN_TOKEN);
            String completion = HookguardClient.completion("adw-rel-1", Phases.queueId(1, 1), 1);
            assertThat(signed.completeWorkflow(completion).statusCode()).isEqualTo(200);
            assertThat(signed.completeWorkflow(completion).statusCode()).isEqualTo(200);
            assertThat(wrong.completeWorkflow(completion).statusCode()).isEqualTo(401);
            assertThat(signed.completeWorkflow("{\"adw_id\":").statusCode()).isEqualTo(400);
            assertThat(wrong.get("/api/v1/webhook-events").statusCode()).isEqualTo(401);
            assertThat(signed.get("/api/v1/webhook-events?limit=5").statusCode()).isEqualTo(200);
            assertThat(signed.get("/api/v1/github/deliveries").statusCode()).isEqualTo(200);
            assertThat(signed.get("/metrics").statusCode()).isEqualTo(200);
            assertThat(jar.terminate()).isEqualTo(143);
        }

        List<Path> logs;
        try (Stream<Path> files = Files.walk(Fleet.LOGS)) {
            logs = files.filter(file -> file.toString().endsWith(".log")).sorted().toList();
        }
        long bytes = 0;
        List<String> found = new ArrayList<>();
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            bytes += text.length();
            for (String secret : Secrets.ALL) {
                if (text.contains(secret)) {
                    found.add(secret + " in " + log);
                }
            }
        }
        Figures.record("secrets-in-logs", "logs", logs.size(), "bytes", bytes, "values_searched", Secrets.ALL.size(),
                "found", found.size());

        assertThat(logs).as("logs of this run").isNotEmpty();
        assertThat(found).isEmpty();
    }
}
