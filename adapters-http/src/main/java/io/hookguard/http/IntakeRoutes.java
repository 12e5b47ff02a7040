package io.hookguard.http;

import io.hookguard.domain.github.ReceiveGithubDelivery;
import io.hookguard.domain.github.ReceiveGithubDeliveryCommand;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.queue.CompleteWorkflow;
import io.hookguard.domain.queue.CompleteWorkflowCommand;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/** The intake routes: read raw body, verify signature, parse a command, run the use case, map the result. */
final class IntakeRoutes {

    static final String WORKFLOW_SIGNATURE_HEADER = "X-Webhook-Signature";
    static final String GITHUB_SIGNATURE_HEADER = "X-Hub-Signature-256";

    private final CompleteWorkflow completeWorkflow;
    private final ReceiveGithubDelivery receiveGithubDelivery;
    private final RequestBodies bodies;
    private final RequestParsers parsers;
    private final SignatureVerifier workflowSignatures;
    private final SignatureVerifier githubSignatures;
    private final IntakeResponder responder;

    IntakeRoutes(HttpSettings settings, HttpUseCases useCases, RequestBodies bodies, RequestParsers parsers,
            IntakeResponder responder) {
        this.completeWorkflow = useCases.completeWorkflow();
        this.receiveGithubDelivery = useCases.receiveGithubDelivery();
        this.bodies = bodies;
        this.parsers = parsers;
        this.workflowSignatures = new SignatureVerifier(WORKFLOW_SIGNATURE_HEADER, settings.webhookSecret());
        this.githubSignatures = new SignatureVerifier(GITHUB_SIGNATURE_HEADER, settings.githubSecret());
        this.responder = responder;
    }

    static final String WORKFLOW_COMPLETE_PATH = "/api/v1/queue/workflow-complete";
    static final String GITHUB_PATH = "/api/v1/webhooks/github";

    void register(RoutesConfig routes) {
        routes.post(WORKFLOW_COMPLETE_PATH, this::workflowComplete);
        routes.post(GITHUB_PATH, this::github);
    }

    /** The webhook type an intake path takes, for requests refused before their route runs. */
    static Optional<WebhookType> typeOf(String path) {
        return switch (path) {
            case WORKFLOW_COMPLETE_PATH -> Optional.of(WebhookType.WORKFLOW_COMPLETE);
            case GITHUB_PATH -> Optional.of(WebhookType.GITHUB);
            default -> Optional.empty();
        };
    }

    private void workflowComplete(Context ctx) {
        RequestTracking.intake(ctx, WebhookType.WORKFLOW_COMPLETE);
        byte[] body = bodies.readJson(ctx);
        workflowSignatures.verify(ctx.header(WORKFLOW_SIGNATURE_HEADER), body);
        CompleteWorkflowCommand command = parsers.workflowComplete(body);
        RequestTracking.webhookId(ctx, CompleteWorkflow.keyOf(command).webhookId());
        responder.workflowCompletion(ctx, completeWorkflow.complete(command));
    }

    private void github(Context ctx) {
        RequestTracking.intake(ctx, WebhookType.GITHUB);
        RequestParsers.deliveryIdIfValid(ctx.header(RequestParsers.DELIVERY_HEADER))
                .ifPresent(id -> RequestTracking.webhookId(ctx, id));
        byte[] body = bodies.readJson(ctx);
        githubSignatures.verify(ctx.header(GITHUB_SIGNATURE_HEADER), body);
        ReceiveGithubDeliveryCommand command = parsers.githubDelivery(
                ctx.header(RequestParsers.DELIVERY_HEADER), ctx.header(RequestParsers.EVENT_HEADER), body);
        responder.githubReceipt(ctx, command, receiveGithubDelivery.receive(command));
    }
}
