package io.hookguard.http;

import static io.hookguard.http.Calls.assertProblem;
import static io.hookguard.http.Calls.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.testtools.Response;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HookguardHttpTest {

    private static final String COMPLETE_Q1 =
            "{\"adw_id\":\"adw-1\",\"status\":\"completed\",\"queue_id\":\"q-1\",\"parent_issue\":42}";

    @Test
    void metricsRouteAnswersWhatTheScrapeSupplies() {
        TestApp app = TestApp.open();
        app.options = app.options.withMetrics(() -> "up 1\n");

        app.test((server, client) -> {
            Response metrics = client.get("/metrics");
            assertThat(metrics.body().string()).isEqualTo("up 1\n");
            assertThat(header(metrics, "Content-Type")).startsWith("text/plain");
            assertThat(client.get("/health/live").code()).isEqualTo(200);
        });
    }

    @Test
    void requestRefusedWhileShuttingDownIsA503ShuttingDownCountedAsItsOwnOutcome() {
        TestApp app = TestApp.secured();
        ClosableGate gate = new ClosableGate();
        app.options = app.options.withAdmission(gate);

        app.test((server, client) -> {
            Calls.planIssue42(client);
            gate.open = false;

            Response response = Calls.workflowComplete(client, COMPLETE_Q1);

            assertProblem(response, 503, "shutting down");
            assertThat(Calls.json(response).get("type").asText()).endsWith("/shutting-down");
            assertThat(header(response, "Retry-After")).isEqualTo("5");
            assertThat(app.observer.outcomes()).containsExactly("workflow_complete:shutting_down");
            assertThat(app.events.findRecent(10)).isEmpty();
        });
        assertThat(gate.inFlight.get()).isZero();
    }

    @Test
    void admittedRequestsLeaveTheGateWhenTheyEnd() {
        TestApp app = TestApp.open();
        ClosableGate gate = new ClosableGate();
        app.options = app.options.withAdmission(gate);

        app.test((server, client) -> {
            assertThat(client.get("/health/live").code()).isEqualTo(200);
            assertThat(client.get("/api/v1/nothing-here").code()).isEqualTo(404);
        });

        assertThat(gate.entered.get()).isEqualTo(2);
        assertThat(gate.inFlight.get()).isZero();
    }

    @Test
    void createdServerIsNotStarted() {
        TestApp app = TestApp.open();

        Javalin javalin = app.javalin();

        assertThat(javalin.jettyServer().started()).isFalse();
    }

    /** A gate the test closes; counts what it admitted and what is still in flight. */
    private static final class ClosableGate implements AdmissionGate {
        volatile boolean open = true;
        final AtomicInteger entered = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();

        @Override
        public boolean enter() {
            if (!open) {
                return false;
            }
            entered.incrementAndGet();
            inFlight.incrementAndGet();
            return true;
        }

        @Override
        public void exit() {
            inFlight.decrementAndGet();
        }
    }
}
