package io.hookguard.persistence;

import io.hookguard.domain.idempotency.IdempotencyPolicy;
import io.hookguard.domain.idempotency.Payload;
import io.hookguard.domain.idempotency.WebhookEventStore;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.EventFormat;
import io.hookguard.domain.outbox.Forwarding;
import io.hookguard.domain.outbox.MessageQuery;
import io.hookguard.domain.outbox.MessageView;
import io.hookguard.domain.idempotency.IdempotentIntake;
import io.hookguard.domain.idempotency.IntakeResult;
import io.hookguard.domain.queue.AdwId;
import io.hookguard.domain.queue.CompleteWorkflow;
import io.hookguard.domain.queue.CompleteWorkflowCommand;
import io.hookguard.domain.queue.IssuePhases;
import io.hookguard.domain.queue.ParentIssue;
import io.hookguard.domain.queue.PhaseEntry;
import io.hookguard.domain.queue.PhaseEvent;
import io.hookguard.domain.queue.PhaseQueueStore;
import io.hookguard.domain.queue.PhaseTitle;
import io.hookguard.domain.queue.PlannedPhase;
import io.hookguard.domain.queue.QueueId;
import io.hookguard.domain.queue.WorkflowCompletion;
import io.hookguard.domain.queue.WorkflowStatus;
import io.hookguard.domain.testing.Decorated;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The workflow-complete use case wired to the jOOQ adapters of one database, as the app wires it: its phase events
 * are written to the outbox for the destinations {@link #BACKEND} and {@link #AUDIT}.
 */
final class WorkflowIntake {

    static final ParentIssue ISSUE = new ParentIssue(42);
    static final DestinationName BACKEND = new DestinationName("backend");
    static final DestinationName AUDIT = new DestinationName("audit");

    /** A stand-in for the edge's JSON: the event type, queue id and status as text. */
    static final EventFormat<PhaseEvent> TEXT = event -> new Payload("text/plain",
            (event.type().wireName() + " " + event.phase().queueId() + " " + event.phase().status().wireName())
                    .getBytes(StandardCharsets.UTF_8));

    final JooqWebhookEventStore events;
    final JooqPhaseQueueStore queue;
    final JooqUnitOfWork unitOfWork;
    final JooqOutboxStore outbox;
    final AtomicInteger signals = new AtomicInteger();
    final CompleteWorkflow completeWorkflow;

    WorkflowIntake(Database db, Clock clock) {
        this(db, clock, UnaryOperator.identity());
    }

    /** Wires the use case with the phase queue seen through {@code decorate}, to observe or break its effect. */
    WorkflowIntake(Database db, Clock clock, UnaryOperator<PhaseQueueStore> decorate) {
        this(db, clock, decorate, UnaryOperator.identity());
    }

    /** Also the idempotency store seen through {@code decorateEvents}, to break the claim's completion. */
    WorkflowIntake(Database db, Clock clock, UnaryOperator<PhaseQueueStore> decorate,
            UnaryOperator<WebhookEventStore> decorateEvents) {
        events = new JooqWebhookEventStore(db);
        queue = new JooqPhaseQueueStore(db);
        unitOfWork = new JooqUnitOfWork(db);
        outbox = new JooqOutboxStore(db);
        Forwarding forwarding = new Forwarding(Map.of(WebhookType.WORKFLOW_COMPLETE, List.of(BACKEND, AUDIT)));
        IdempotentIntake intake = IdempotentIntake.standard(decorateEvents.apply(events), unitOfWork,
                IdempotencyPolicy.defaults(), clock, forwarding, new JooqOutbox(db), signals::incrementAndGet);
        completeWorkflow = new CompleteWorkflow(intake, decorate.apply(queue), clock, WorkflowCompletion::toString,
                TEXT);
    }

    /** Every message in the outbox, oldest first, as "event destination: body". */
    List<String> messages() {
        List<MessageView> newestFirst = outbox.list(new MessageQuery(null, null, MessageQuery.MAX_LIMIT));
        List<String> oldestFirst = new ArrayList<>();
        for (MessageView view : newestFirst) {
            oldestFirst.add(0, view.message().eventType() + " " + view.message().destination() + ": "
                    + new String(view.message().body(), StandardCharsets.UTF_8));
        }
        return oldestFirst;
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
