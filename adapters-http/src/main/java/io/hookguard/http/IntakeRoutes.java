package io.hookguard.http;

import io.hookguard.domain.github.ReceiveGithubDelivery;
import io.hookguard.domain.github.ReceiveGithubDeliveryCommand;
import io.hookguard.domain.idempotency.Payload;
import io.hookguard.domain.idempotency.ReceivedRequest;
import io.hookguard.domain.idempotency.RequestHeader;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.queue.CompleteWorkflow;
import io.hookguard.domain.queue.CompleteWorkflowCommand;
import io.hookguard.domain.source.ReceiveWebhook;
import io.hookguard.domain.source.ReceiveWebhookCommand;
import io.hookguard.http.source.GithubPayload;
import io.hookguard.http.source.RequestHeaders;
import io.hookguard.http.source.SourceFields;
import io.hookguard.http.source.Verification;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The intake routes. Each one reads the raw body within its source's limit, verifies it with the source's scheme
 * (before anything is parsed or written), parses a command, runs the use case with the request as received, and maps
 * the result. Declared sources receive at {@code POST /api/v1/webhooks/{name}}; the built-in names there are 404,
 * because the built-ins keep their own paths (GitHub's literal path {@code /api/v1/webhooks/github} is matched first).
 */
final class IntakeRoutes {

    static final String WORKFLOW_SIGNATURE_HEADER = "X-Webhook-Signature";
    static final String GITHUB_SIGNATURE_HEADER = "X-Hub-Signature-256";
    static final String WORKFLOW_COMPLETE_PATH = "/api/v1/queue/workflow-complete";
    static final String GITHUB_PATH = "/api/v1/webhooks/github";
    static final String SOURCE_PATH = "/api/v1/webhooks/{name}";

    /** Credentials are never kept with a stored request. */
    private static final Set<String> NOT_STORED = Set.of("authorization", "cookie", "proxy-authorization");
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final CompleteWorkflow completeWorkflow;
    private final ReceiveGithubDelivery receiveGithubDelivery;
    private final ReceiveWebhook receiveWebhook;
    private final HttpSources sources;
    private final RequestBodies bodies;
    private final RequestParsers parsers;
    private final IntakeResponder responder;
    private final SourceObserver observer;
    private final Clock clock;

    IntakeRoutes(HttpSources sources, HttpUseCases useCases, RequestBodies bodies, RequestParsers parsers,
            IntakeResponder responder, SourceObserver observer, Clock clock) {
        this.completeWorkflow = useCases.completeWorkflow();
        this.receiveGithubDelivery = useCases.receiveGithubDelivery();
        this.receiveWebhook = useCases.receiveWebhook();
        this.sources = sources;
        this.bodies = bodies;
        this.parsers = parsers;
        this.responder = responder;
        this.observer = observer;
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        routes.post(WORKFLOW_COMPLETE_PATH, this::workflowComplete);
        routes.post(GITHUB_PATH, this::github);
        routes.post(SOURCE_PATH, this::declared);
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
        HttpSources.Source source = sources.get(WebhookType.WORKFLOW_COMPLETE);
        RequestBodies.requireJson(ctx.header("Content-Type"));
        byte[] body = bodies.read(ctx, source.maxBodyBytes(), source.name().value());
        verify(ctx, source, body);
        CompleteWorkflowCommand command = parsers.workflowComplete(body);
        RequestTracking.webhookId(ctx, CompleteWorkflow.keyOf(command).webhookId());
        ReceivedRequest request = ReceivedRequest.of(received(ctx, body), headers(ctx), null);
        responder.workflowCompletion(ctx, completeWorkflow.complete(command, request));
    }

    private void github(Context ctx) {
        RequestTracking.intake(ctx, WebhookType.GITHUB);
        HttpSources.Source source = sources.get(WebhookType.GITHUB);
        RequestParsers.deliveryIdIfValid(ctx.header(RequestParsers.DELIVERY_HEADER))
                .ifPresent(id -> RequestTracking.webhookId(ctx, id));
        String contentType = ctx.header("Content-Type");
        boolean form = GithubPayload.isForm(contentType);
        if (!form) {
            requireGithubContentType(contentType);
        }
        byte[] body = bodies.read(ctx, source.maxBodyBytes(), source.name().value());
        verify(ctx, source, body);
        byte[] json = form ? GithubPayload.json(contentType, body) : body;
        ReceiveGithubDeliveryCommand command = parsers.githubDelivery(
                ctx.header(RequestParsers.DELIVERY_HEADER), ctx.header(RequestParsers.EVENT_HEADER), json);
        Payload received = received(ctx, body);
        ReceivedRequest request = new ReceivedRequest(received, headers(ctx), command.event().name(),
                form ? new Payload(RequestBodies.JSON, json) : received);
        responder.githubReceipt(ctx, command, receiveGithubDelivery.receive(command, request));
    }

    private void declared(Context ctx) {
        String name = ctx.pathParam("name");
        Optional<HttpSources.Source> found = sources.find(name).filter(source -> !source.builtIn());
        if (found.isEmpty()) {
            throw new ProblemException(ProblemMapper.notFound(unknownSource(name)));
        }
        HttpSources.Source source = found.get();
        RequestTracking.intake(ctx, source.name());
        byte[] body = bodies.read(ctx, source.maxBodyBytes(), name);
        verify(ctx, source, body);
        RequestHeaders headers = ctx::header;
        SourceFields.Extracted fields = source.fields().orElseThrow().extract(headers, body);
        WebhookId key = new WebhookId(fields.key());
        RequestTracking.webhookId(ctx, key);
        ReceivedRequest request = ReceivedRequest.of(received(ctx, body), headers(ctx), fields.event().orElse(null));
        responder.webhookReceipt(ctx, receiveWebhook.receive(new ReceiveWebhookCommand(source.name(), key, request)));
    }

    private String unknownSource(String name) {
        if (name.equals(WebhookType.WORKFLOW_COMPLETE.value())) {
            return "source 'workflow_complete' receives at " + WORKFLOW_COMPLETE_PATH + ", not here";
        }
        return "no source named '" + (name.length() > 64 ? name.substring(0, 64) + "…" : name)
                + "' is configured; declared sources receive at /api/v1/webhooks/{name}";
    }

    /** Verifies the raw body; a refusal is a 401 naming the header, before anything is parsed or written. */
    private void verify(Context ctx, HttpSources.Source source, byte[] body) {
        Verification verification = source.scheme().verify(ctx::header, body, clock.instant());
        String name = source.name().value();
        if (verification instanceof Verification.Refused refused) {
            observer.refused(name);
            throw new ProblemException(ProblemMapper.badSignature(refused.detail()));
        }
        if (verification instanceof Verification.Verified verified) {
            observer.verified(name, verified.secretIndex());
        }
    }

    private static void requireGithubContentType(String contentType) {
        String mediaType = RequestBodies.mediaType(contentType);
        if (!RequestBodies.JSON.equals(mediaType)) {
            throw new ProblemException(ProblemMapper.unsupportedMediaType("'Content-Type' must be application/json"
                    + " or " + GithubPayload.FORM_CONTENT_TYPE));
        }
        RequestBodies.requireUtf8(contentType.split(";"));
    }

    private static Payload received(Context ctx, byte[] body) {
        String contentType = ctx.header("Content-Type");
        return new Payload(contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType, body);
    }

    /** The request's headers in arrival order, without credentials. */
    private static List<RequestHeader> headers(Context ctx) {
        List<RequestHeader> headers = new ArrayList<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            if (NOT_STORED.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : Collections.list(ctx.req().getHeaders(name))) {
                headers.add(new RequestHeader(name, value));
            }
        }
        return headers;
    }
}
