package io.hookguard.http;

import io.hookguard.domain.github.GithubEvent;
import io.hookguard.domain.github.GithubReceipt;
import io.hookguard.domain.github.ReceiveGithubDeliveryCommand;
import io.hookguard.domain.idempotency.IntakeResult;
import io.hookguard.domain.queue.WorkflowCompletion;
import io.hookguard.domain.source.WebhookReceipt;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/**
 * Maps an {@link IntakeResult} to the response and the outcome label: processed and replayed deliveries
 * answer 200 (a replay with {@code Idempotent-Replayed: true}); the rest become problems via {@link ProblemMapper}.
 */
final class IntakeResponder {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** The fixed answer to a duplicate workflow-complete delivery, byte for byte. */
    static final String WORKFLOW_DUPLICATE_BODY = "{\"success\":true,\"message\":\"Duplicate webhook - already processed\","
            + "\"phase_updated\":false,\"next_phase_triggered\":false}";

    private static final String JSON = "application/json";

    private final ProblemMapper problems;

    IntakeResponder(ProblemMapper problems) {
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    void workflowCompletion(Context ctx, IntakeResult<WorkflowCompletion> result) {
        respond(ctx, result, StoredResponses::workflowCompletion, replayed -> WORKFLOW_DUPLICATE_BODY);
    }

    void githubReceipt(Context ctx, ReceiveGithubDeliveryCommand command, IntakeResult<GithubReceipt> result) {
        respond(ctx, result, StoredResponses::githubReceipt, replayed -> replayed.storedResponse() != null
                ? replayed.storedResponse()
                : StoredResponses.githubReceipt(new GithubReceipt(
                        command.deliveryId(), command.event(), !command.event().equals(GithubEvent.PING))));
    }

    void webhookReceipt(Context ctx, IntakeResult<WebhookReceipt> result) {
        respond(ctx, result, StoredResponses::webhookReceipt, replayed -> replayed.storedResponse() != null
                ? replayed.storedResponse()
                : "{\"success\":true}");
    }

    private <R> void respond(Context ctx, IntakeResult<R> result, Function<R, String> processedBody,
            Function<IntakeResult.Replayed<R>, String> replayBody) {
        if (result instanceof IntakeResult.Processed<R> processed) {
            RequestTracking.outcome(ctx, IntakeOutcome.PROCESSED);
            json(ctx, processedBody.apply(processed.value()));
        } else if (result instanceof IntakeResult.Replayed<R> replayed) {
            RequestTracking.outcome(ctx, IntakeOutcome.DUPLICATE);
            ctx.header(REPLAYED_HEADER, "true");
            json(ctx, replayBody.apply(replayed));
        } else if (result instanceof IntakeResult.InFlight<R> inFlight) {
            RequestTracking.outcome(ctx, IntakeOutcome.IN_FLIGHT);
            problems.write(ctx, ProblemMapper.inFlight(inFlight.retryAfter()));
        } else if (result instanceof IntakeResult.Mismatch<R>) {
            RequestTracking.outcome(ctx, IntakeOutcome.MISMATCH);
            problems.write(ctx, ProblemMapper.mismatch());
        } else if (result instanceof IntakeResult.Rejected<R> rejected) {
            RequestTracking.outcome(ctx, IntakeOutcome.REJECTED);
            problems.write(ctx, ProblemMapper.rejected(rejected.rejection()));
        } else if (result instanceof IntakeResult.Failed<R> failed) {
            RequestTracking.outcome(ctx, IntakeOutcome.FAILED);
            problems.write(ctx, problems.failure(ctx, failed.cause()));
        } else {
            throw new IllegalStateException("unknown intake result " + result.getClass().getSimpleName());
        }
    }

    private static void json(Context ctx, String body) {
        ctx.status(200).contentType(JSON).result(body.getBytes(StandardCharsets.UTF_8));
    }
}
