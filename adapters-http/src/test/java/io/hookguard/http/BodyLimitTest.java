package io.hookguard.http;

import static io.hookguard.http.Calls.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.javalin.testtools.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BodyLimitTest {

    private static final int MIB = 1024 * 1024;
    private static final String COMPLETE_Q1 = Requests.completion("adw-1", "completed", "q-1", 42);

    /** The default settings: 1 MiB, with the test secrets so that signed requests pass. */
    private final TestApp app = new TestApp(new HttpSettings(TestApp.WEBHOOK_SECRET, TestApp.GITHUB_SECRET,
            TestApp.ADMIN_TOKEN, HttpSettings.DEFAULT_MAX_BODY_BYTES));

    @Test
    void defaultLimitIsOneMebibyte() {
        assertThat(HttpSettings.DEFAULT_MAX_BODY_BYTES).isEqualTo(MIB);
        assertThat(HttpSettings.unsecured().maxBodyBytes()).isEqualTo(MIB);
    }

    @Test
    void bodyOfExactlyTheLimitIsProcessed() {
        app.test((server, client) -> {
            Calls.planIssue42(client);

            Response response = Calls.workflowComplete(client, COMPLETE_Q1 + " ".repeat(MIB - COMPLETE_Q1.length()));

            assertThat(response.code()).isEqualTo(200);
        });
    }

    @Test
    void bodyOneByteOverTheLimitIs413() {
        app.test((server, client) -> {
            Calls.planIssue42(client);
            var before = app.snapshot();

            Response response = Calls.workflowComplete(client, COMPLETE_Q1 + " ".repeat(MIB + 1 - COMPLETE_Q1.length()));

            assertProblem(response, 413, "at most 1048576 bytes");
            assertThat(app.snapshot()).isEqualTo(before);
        });
    }

    @Test
    void bodyHalfAMebibyteOverTheLimitIs413() {
        app.test((server, client) -> {
            var before = app.snapshot();

            Response response = Calls.workflowComplete(client, COMPLETE_Q1 + " ".repeat(MIB + MIB / 2));

            assertProblem(response, 413, "at most 1048576 bytes");
            assertThat(app.snapshot()).isEqualTo(before);
        });
    }

    @Test
    void endlessChunkedBodyIs413WithoutBeingReadToTheEnd() {
        long endless = 512L * MIB;
        AtomicLong sent = new AtomicLong();
        app.test((server, client) -> {
            try (LogCapture logs = new LogCapture()) {
                try {
                    Response response = client.request("/api/v1/webhooks/github", builder -> builder
                            .post(HttpRequest.BodyPublishers.ofInputStream(() -> new Spaces(endless, sent)))
                            .header("Content-Type", Calls.JSON)
                            .header("X-GitHub-Delivery", "d-big")
                            .header("X-GitHub-Event", "issues"));
                    assertProblem(response, 413, "at most 1048576 bytes");
                } catch (Exception e) { // the client's IOException arrives undeclared, thrown from Kotlin
                    // The server answered and closed the connection while the client was still sending.
                    assertThat(e).isInstanceOf(IOException.class);
                }

                assertThat(logs.at(Level.INFO)).extracting(ILoggingEvent::getFormattedMessage)
                        .anySatisfy(line -> assertThat(line).contains("status=413", "webhook_id=d-big"));
            }
            assertThat(sent.get()).isLessThan(endless);
            assertThat(app.inbox.newestFirst(10)).isEmpty();
            assertThat(app.events.findRecent(10)).isEmpty();
        });
    }

    /** {@code size} spaces, counting how many were handed to the client. */
    private static final class Spaces extends InputStream {
        private final long size;
        private final AtomicLong sent;

        Spaces(long size, AtomicLong sent) {
            this.size = size;
            this.sent = sent;
        }

        @Override
        public int read() {
            if (sent.get() >= size) {
                return -1;
            }
            sent.incrementAndGet();
            return ' ';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            long left = size - sent.get();
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) ' ');
            sent.addAndGet(n);
            return n;
        }
    }
}
