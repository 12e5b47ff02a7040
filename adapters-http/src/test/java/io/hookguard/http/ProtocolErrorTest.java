package io.hookguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests so malformed that Jetty refuses them before routing still get a problem, never an HTML page. */
class ProtocolErrorTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "GET /api/v1/webhook-events/%zz HTTP/1.1\r\nHost: x\r\n",
            "GET /api/v1/webhook-events/a%00b HTTP/1.1\r\nHost: x\r\n",
            "POST /api/v1/queue/workflow-complete HTTP/1.1\r\nContent-Type: application/json\r\n",
            "POST /api/v1/webhooks/github HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n"})
    void malformedHttpGetsA400Problem(String head) {
        TestApp app = TestApp.open();
        app.test((server, client) -> {
            String response = raw(server.port(), head + "Connection: close\r\n\r\n");

            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(response).contains("\"status\":400", "\"type\":\"https://hookguard.dev/problems/invalid-request\"")
                    .doesNotContain("<html", "Exception");
        });
    }

    private static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
