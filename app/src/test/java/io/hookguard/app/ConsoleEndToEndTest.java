package io.hookguard.app;

import static io.hookguard.app.RunningServers.clientOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.persistence.testing.PostgresTestDatabase;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console served by the production modules over PostgreSQL: log in, see a delivery, open its page. */
class ConsoleEndToEndTest {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @RegisterExtension
    final RunningServers servers = new RunningServers();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void emptyTables() {
        DATABASE.reset();
    }

    @Test
    void operatorLogsInAndSeesTheDeliveryJustProcessed() throws Exception {
        Hookguard hookguard = servers.start(Map.of("HOOKGUARD_DATABASE_URL", DATABASE.settings().jdbcUrl()));
        HookguardClient client = clientOf(hookguard);
        assertThat(client.createPhases(42, "q-1", "q-2").statusCode()).isEqualTo(201);
        HttpResponse<String> delivered = client.completeWorkflow(HookguardClient.completion("adw-1", "q-1", 42));
        String key = delivered.headers().firstValue("X-Webhook-Id").orElseThrow();
        String base = "http://127.0.0.1:" + hookguard.port();

        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(base + "/console")).GET());
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base + "/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "token=" + URLEncoder.encode(RunningServers.ADMIN_TOKEN, StandardCharsets.UTF_8))));
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> list = send(HttpRequest.newBuilder(URI.create(base + "/console"))
                .header("Cookie", cookie).GET());
        HttpResponse<String> page = send(HttpRequest.newBuilder(
                URI.create(base + "/console/deliveries/workflow_complete/" + key)).header("Cookie", cookie).GET());

        assertThat(anonymous.body()).contains("name=\"token\"").doesNotContain(key);
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(list.body()).contains(key, "workflow_complete", "processed");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"body\"", "id=\"messages\"", "phase_updated");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
