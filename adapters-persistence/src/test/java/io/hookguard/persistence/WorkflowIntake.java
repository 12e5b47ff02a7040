package io.hookguard.persistence;

import io.hookguard.domain.idempotency.IdempotencyPolicy;
import io.hookguard.domain.idempotency.IdempotentIntake;
import io.hookguard.domain.idempotency.IntakeResult;
import io.hookguard.domain.queue.AdwId;
import io.hookguard.domain.queue.CompleteWorkflow;
import io.hookguard.domain.queue.CompleteWorkflowCommand;
import io.hookguard.domain.queue.IssuePhases;
import io.hookguard.domain.queue.ParentIssue;
import io.hookguard.domain.queue.PhaseEntry;
import io.hookguard.domain.queue.PhaseQueueStore;
import io.hookguard.domain.queue.PhaseTitle;
import io.hookguard.domain.queue.PlannedPhase;
import io.hookguard.domain.queue.QueueId;
import io.hookguard.domain.queue.WorkflowCompletion;
import io.hookguard.domain.queue.WorkflowStatus;
import io.hookguard.domain.testing.Decorated;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/** The workflow-complete use case wired to the jOOQ adapters of one database, as the app wires it. */
final class WorkflowIntake {

    static final ParentIssue ISSUE = new ParentIssue(42);

    final JooqWebhookEventStore events;
    final JooqPhaseQueueStore queue;
    final JooqUnitOfWork unitOfWork;
    final CompleteWorkflow completeWorkflow;

    WorkflowIntake(Database db, Clock clock) {
        this(db, clock, UnaryOperator.identity());
    }

    /** Wires the use case with the phase queue seen through {@code decorate}, to observe or break its effect. */
    WorkflowIntake(Database db, Clock clock, UnaryOperator<PhaseQueueStore> decorate) {
        events = new JooqWebhookEventStore(db);
        queue = new JooqPhaseQueueStore(db);
        unitOfWork = new JooqUnitOfWork(db);
        IdempotentIntake intake = new IdempotentIntake(events, unitOfWork, IdempotencyPolicy.defaults(), clock);
        completeWorkflow = new CompleteWorkflow(intake, decorate.apply(queue), clock, WorkflowCompletion::toString);
    }

    /** The phase queue, running {@code afterUpdate} once each real update is written, to observe or break the effect. */
    static PhaseQueueStore afterUpdate(PhaseQueueStore queue, Runnable afterUpdate) {
        return Decorated.after(PhaseQueueStore.class, queue, "updateAll", afterUpdate);
    }

    IntakeResult<WorkflowCompletion> complete(String queueId) {
        return completeWorkflow.complete(command(queueId));
    }

    static CompleteWorkflowCommand command(String queueId) {
        return new CompleteWorkflowCommand(new AdwId("adw-1"), WorkflowStatus.COMPLETED, new QueueId(queueId), ISSUE,
                null);
    }

    static List<PhaseEntry> plan(Instant now, String... queueIds) {
        List<PlannedPhase> planned = Arrays.stream(queueIds)
                .map(id -> new PlannedPhase(new PhaseTitle("phase " + id), new QueueId(id)))
                .toList();
        return IssuePhases.plan(ISSUE, planned, now);
    }
}
