package io.hookguard.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookguard.domain.github.ReceiveGithubDeliveryCommand;
import io.hookguard.domain.idempotency.DeliveryKey;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.queue.CompleteWorkflow;
import io.hookguard.domain.queue.CompleteWorkflowCommand;
import io.hookguard.domain.testing.HmacSignatures;
import io.hookguard.http.source.GithubScheme;
import io.hookguard.http.source.HmacScheme;
import io.hookguard.http.source.RequestHeaders;
import io.hookguard.http.source.SignatureScheme;
import io.hookguard.http.source.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH micro-benchmarks of the per-request CPU work of intake, on the real classes: signature verification, key
 * and fingerprint derivation, request-body parsing. Run with {@code scripts/jmh.sh}; not a test, so
 * {@code mvn verify} does not run it. The bodies are those of scripts/bench (a workflow report, a 2 KB push).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IntakeCpuBenchmarks {

    private static final String SECRET = "bench-webhook-secret";
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private byte[] workflowBody;
    private String workflowSignature;
    private byte[] githubBody;
    private String githubSignature;
    private SignatureScheme workflowScheme;
    private SignatureScheme githubScheme;
    private RequestParsers parsers;
    private CompleteWorkflowCommand command;
    private WebhookId deliveryId;

    @Setup
    public void setUp() throws Exception {
        workflowBody = "{\"adw_id\":\"bench-n16-4711\",\"status\":\"completed\",\"queue_id\":\"bq-4711-1\",\"parent_issue\":4711}"
                .getBytes(StandardCharsets.UTF_8);
        StringBuilder push = new StringBuilder("{\"ref\":\"refs/heads/main\",\"before\":\"" + "a".repeat(40)
                + "\",\"after\":\"" + "b".repeat(40) + "\",\"repository\":{\"id\":1296269,"
                + "\"full_name\":\"acme/hookguard\",\"private\":false},\"pusher\":{\"name\":\"octocat\"},\"commits\":[");
        for (int c = 0; c < 10; c++) {
            push.append(c == 0 ? "" : ",").append("{\"id\":\"").append("0123456789abcdef".repeat(2)).append(c)
                    .append("\",\"message\":\"Fix the flaky retry test and tidy the intake logs\",")
                    .append("\"author\":{\"name\":\"Octo Cat\",\"email\":\"octocat@example.com\"},")
                    .append("\"modified\":[\"app/src/main/java/Main.java\"]}");
        }
        githubBody = push.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        workflowSignature = sign(workflowBody);
        githubSignature = sign(githubBody);
        workflowScheme = HmacScheme.workflowComplete(List.of(SECRET));
        githubScheme = new GithubScheme(List.of(SECRET));
        ObjectMapper mapper = Json.mapper();
        parsers = new RequestParsers(mapper);
        command = parsers.workflowComplete(workflowBody);
        deliveryId = new WebhookId("72d3162e-cc78-11e3-81ab-4c9367dc0958");
    }

    @Benchmark
    public Verification verifyWorkflowSignature() {
        return workflowScheme.verify(RequestHeaders.of(Map.of(IntakeRoutes.WORKFLOW_SIGNATURE_HEADER, workflowSignature)),
                workflowBody, NOW);
    }

    @Benchmark
    public Verification verifyGithubSignature() {
        return githubScheme.verify(RequestHeaders.of(Map.of(IntakeRoutes.GITHUB_SIGNATURE_HEADER, githubSignature)),
                githubBody, NOW);
    }

    @Benchmark
    public DeliveryKey deriveWorkflowKey() {
        return CompleteWorkflow.keyOf(command);
    }

    @Benchmark
    public DeliveryKey deriveGithubKey() {
        return DeliveryKey.forGithubDelivery(deliveryId, githubBody);
    }

    @Benchmark
    public CompleteWorkflowCommand parseWorkflowComplete() {
        return parsers.workflowComplete(workflowBody);
    }

    @Benchmark
    public ReceiveGithubDeliveryCommand parseGithubDelivery() {
        return parsers.githubDelivery(deliveryId.value(), "push", githubBody);
    }

    private static String sign(byte[] body) {
        return HmacSignatures.sign(SECRET, body);
    }
}
