package io.hookguard.http;

import static io.hookguard.http.JsonFields.invalid;
import static io.hookguard.http.JsonFields.optionalString;
import static io.hookguard.http.JsonFields.requiredArray;
import static io.hookguard.http.JsonFields.requiredInt;
import static io.hookguard.http.JsonFields.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookguard.domain.github.GithubEvent;
import io.hookguard.domain.github.InboxEntry;
import io.hookguard.domain.github.ReceiveGithubDeliveryCommand;
import io.hookguard.domain.idempotency.InvalidInputException;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.queue.AdwId;
import io.hookguard.domain.queue.CompleteWorkflowCommand;
import io.hookguard.domain.queue.CreatePhasesCommand;
import io.hookguard.domain.queue.ParentIssue;
import io.hookguard.domain.queue.PhaseTitle;
import io.hookguard.domain.queue.QueueId;
import io.hookguard.domain.queue.WorkflowStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns raw requests into domain commands. Shapes and types are checked here; the rules of each value
 * (lengths, forms, ranges) stay in the domain's value objects, whose messages name the field.
 */
final class RequestParsers {

    static final int DEFAULT_LIMIT = 50;
    static final String DELIVERY_HEADER = "X-GitHub-Delivery";
    static final String EVENT_HEADER = "X-GitHub-Event";

    private static final String PARENT_ISSUE_RULE = "'parent_issue' must be a positive integer";
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");

    private final ObjectMapper mapper;

    RequestParsers(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    CompleteWorkflowCommand workflowComplete(byte[] body) {
        JsonNode json = Json.parseObject(mapper, body);
        AdwId adwId = new AdwId(requiredString(json, "adw_id", "adw_id"));
        WorkflowStatus status = WorkflowStatus.fromWireName(requiredString(json, "status", "status"));
        QueueId queueId = new QueueId(requiredString(json, "queue_id", "queue_id"));
        ParentIssue parentIssue = new ParentIssue(requiredInt(json, "parent_issue", "parent_issue", PARENT_ISSUE_RULE));
        String errorMessage = optionalString(json, "error_message", "error_message");
        return new CompleteWorkflowCommand(adwId, status, queueId, parentIssue, errorMessage);
    }

    CreatePhasesCommand createPhases(byte[] body) {
        JsonNode json = Json.parseObject(mapper, body);
        ParentIssue parentIssue = new ParentIssue(requiredInt(json, "parent_issue", "parent_issue", PARENT_ISSUE_RULE));
        JsonNode phases = requiredArray(json, "phases", "phases");
        if (phases.isEmpty() || phases.size() > CreatePhasesCommand.MAX_PHASES) {
            throw invalid("'phases' must hold 1.." + CreatePhasesCommand.MAX_PHASES + " phases");
        }
        List<CreatePhasesCommand.NewPhase> newPhases = new ArrayList<>(phases.size());
        for (int i = 0; i < phases.size(); i++) {
            newPhases.add(newPhase(phases.get(i), "phases[" + i + "]"));
        }
        return new CreatePhasesCommand(parentIssue, newPhases);
    }

    /** The command of a GitHub delivery whose signature was verified. */
    ReceiveGithubDeliveryCommand githubDelivery(String deliveryHeader, String eventHeader, byte[] body) {
        if (deliveryHeader == null || deliveryHeader.isEmpty()) {
            throw invalid("'" + DELIVERY_HEADER + "' is required");
        }
        WebhookId deliveryId = deliveryId(deliveryHeader);
        if (eventHeader == null || eventHeader.isEmpty()) {
            throw invalid("'" + EVENT_HEADER + "' is required");
        }
        GithubEvent event = named(() -> new GithubEvent(eventHeader), EVENT_HEADER);
        JsonNode json = Json.parseObject(mapper, body);
        String action = textOrNull(json.get("action"));
        JsonNode repository = json.get("repository");
        String repositoryName = repository == null ? null : textOrNull(repository.get("full_name"));
        if (action != null && !InboxEntry.fits(action, InboxEntry.MAX_ACTION_LENGTH)) {
            throw invalid("'action' " + InboxEntry.ACTION_RULE);
        }
        if (repositoryName != null && !InboxEntry.fits(repositoryName, InboxEntry.MAX_REPOSITORY_LENGTH)) {
            throw invalid("'repository.full_name' " + InboxEntry.REPOSITORY_RULE);
        }
        return new ReceiveGithubDeliveryCommand(deliveryId, event, action, repositoryName, body);
    }

    /** The delivery id of a GitHub request if its header is valid; used to echo it before anything else. */
    static Optional<WebhookId> deliveryIdIfValid(String deliveryHeader) {
        try {
            return deliveryHeader == null ? Optional.empty() : Optional.of(new WebhookId(deliveryHeader));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    /** The {@code limit} query parameter, 50 when absent; its range is the use case's rule. */
    static int limit(String limitParameter) {
        if (limitParameter == null) {
            return DEFAULT_LIMIT;
        }
        if (!DIGITS.matcher(limitParameter).matches() || Long.parseLong(limitParameter) > Integer.MAX_VALUE) {
            throw invalid("'limit' must be an integer");
        }
        return Integer.parseInt(limitParameter);
    }

    static ParentIssue parentIssue(String pathParameter) {
        if (!DIGITS.matcher(pathParameter).matches() || Long.parseLong(pathParameter) > Integer.MAX_VALUE) {
            throw invalid(PARENT_ISSUE_RULE);
        }
        return new ParentIssue(Integer.parseInt(pathParameter));
    }

    static WebhookId webhookId(String pathParameter) {
        return named(() -> new WebhookId(pathParameter), "webhook_id");
    }

    private static WebhookId deliveryId(String deliveryHeader) {
        return named(() -> new WebhookId(deliveryHeader), DELIVERY_HEADER);
    }

    private static CreatePhasesCommand.NewPhase newPhase(JsonNode phase, String path) {
        if (!phase.isObject()) {
            throw invalid("'" + path + "' must be an object");
        }
        String title = requiredString(phase, "title", path + ".title");
        String queueId = optionalString(phase, "queue_id", path + ".queue_id");
        try {
            return new CreatePhasesCommand.NewPhase(new PhaseTitle(title),
                    Optional.ofNullable(queueId).map(QueueId::new));
        } catch (InvalidInputException e) {
            throw invalid(path + ": " + e.getMessage());
        }
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** Runs a value object's constructor, naming the field as the request does rather than as the domain does. */
    private static <T> T named(Supplier<T> construct, String requestName) {
        try {
            return construct.get();
        } catch (InvalidInputException e) {
            throw invalid(e.messageNaming(requestName));
        }
    }
}
