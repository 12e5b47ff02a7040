package io.hookguard.domain.queue;

import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.DeliveryKey;
import io.hookguard.domain.idempotency.HandlerOutcome;
import io.hookguard.domain.idempotency.IdempotentIntake;
import io.hookguard.domain.idempotency.IntakeResult;
import io.hookguard.domain.idempotency.Rejection;
import io.hookguard.domain.idempotency.ResponseFormat;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.outbox.EventFormat;
import io.hookguard.domain.outbox.OutboundEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The workflow-complete use case: applies a workflow report to the phase queue exactly once. The phase events the
 * report caused ({@link PhaseEvent}) are handed to the intake, which writes them to the outbox in the same unit of
 * work, ordered by the parent issue.
 */
public final class CompleteWorkflow {

    private final IdempotentIntake intake;
    private final PhaseQueueStore queue;
    private final Clock clock;
    private final ResponseFormat<WorkflowCompletion> format;
    private final EventFormat<PhaseEvent> eventFormat;

    /**
     * {@code format} writes the response stored with a completed report (and replayed to its resends);
     * {@code eventFormat} writes the payload of each phase event.
     */
    public CompleteWorkflow(IdempotentIntake intake, PhaseQueueStore queue, Clock clock,
            ResponseFormat<WorkflowCompletion> format, EventFormat<PhaseEvent> eventFormat) {
        this.intake = Objects.requireNonNull(intake, "intake");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.format = Objects.requireNonNull(format, "format");
        this.eventFormat = Objects.requireNonNull(eventFormat, "eventFormat");
    }

    public IntakeResult<WorkflowCompletion> complete(CompleteWorkflowCommand command) {
        Delivery delivery = new Delivery(WebhookType.WORKFLOW_COMPLETE, keyOf(command),
                command.adwId().value(), command.parentIssue().number());
        return intake.accept(delivery, claim -> apply(command));
    }

    /** The idempotency key of a report; the HTTP edge echoes it before the report is processed. */
    public static DeliveryKey keyOf(CompleteWorkflowCommand command) {
        return DeliveryKey.forWorkflowCompletion(
                command.adwId().value(), command.status().wireName(), command.queueId().value());
    }

    private HandlerOutcome<WorkflowCompletion> apply(CompleteWorkflowCommand command) {
        List<PhaseEntry> phases = queue.lockByIssue(command.parentIssue());
        boolean known = phases.stream().anyMatch(phase -> phase.queueId().equals(command.queueId()));
        if (!known) {
            return new HandlerOutcome.Rejected<>(new Rejection(Rejection.Reason.NOT_FOUND,
                    "no phase with queue_id '" + command.queueId() + "' for parent_issue " + command.parentIssue()));
        }
        Instant now = clock.instant();
        PhaseTransition transition = new IssuePhases(phases).report(
                command.queueId(), command.adwId(), command.status(), command.errorMessage(), now);
        queue.updateAll(transition.changed());
        WorkflowCompletion completion = new WorkflowCompletion(true, messageFor(command, transition),
                transition.phaseUpdated(), transition.nextPhaseTriggered());
        return new HandlerOutcome.Success<>(completion, format.format(completion), eventsOf(transition, now));
    }

    private List<OutboundEvent> eventsOf(PhaseTransition transition, Instant now) {
        return transition.events(now).stream()
                .map(event -> new OutboundEvent(event.type().wireName(), event.orderingKey(),
                        eventFormat.format(event)))
                .toList();
    }

    private static String messageFor(CompleteWorkflowCommand command, PhaseTransition transition) {
        if (!transition.phaseUpdated()) {
            return "Phase " + command.queueId() + " was already completed";
        }
        if (command.status() == WorkflowStatus.FAILED) {
            return "Phase " + command.queueId() + " marked failed; later phases blocked";
        }
        return transition.nextPhaseTriggered()
                ? "Phase " + command.queueId() + " completed; next phase triggered"
                : "Phase " + command.queueId() + " completed";
    }
}
