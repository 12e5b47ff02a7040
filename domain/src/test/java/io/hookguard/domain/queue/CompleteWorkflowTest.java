package io.hookguard.domain.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.hookguard.domain.idempotency.IdempotencyPolicy;
import io.hookguard.domain.idempotency.IdempotentIntake;
import io.hookguard.domain.idempotency.InMemoryWebhookEventStore;
import io.hookguard.domain.idempotency.IntakeResult;
import io.hookguard.domain.idempotency.Payload;
import io.hookguard.domain.idempotency.RecentCompletions;
import io.hookguard.domain.idempotency.Rejection;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.EventFormat;
import io.hookguard.domain.outbox.Forwarding;
import io.hookguard.domain.outbox.InMemoryOutboxStore;
import io.hookguard.domain.outbox.MessageView;
import io.hookguard.domain.outbox.OutboundMessage;
import io.hookguard.domain.outbox.OutboxSignal;
import io.hookguard.domain.testing.DirectUnitOfWork;
import io.hookguard.domain.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompleteWorkflowTest {

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    private static final DestinationName BACKEND = new DestinationName("backend");

    /** A stand-in for the edge's JSON: what the event says, as text. */
    static final EventFormat<PhaseEvent> TEXT = event -> new Payload("text/plain", (event.type().wireName() + " "
            + event.phase().queueId() + " " + event.phase().status().wireName() + " " + event.timestamp())
            .getBytes(StandardCharsets.UTF_8));

    private final InMemoryPhaseQueueStore queue = new InMemoryPhaseQueueStore();
    private final InMemoryOutboxStore outbox = new InMemoryOutboxStore();
    private final IdempotentIntake intake = new IdempotentIntake(
            new InMemoryWebhookEventStore(), new DirectUnitOfWork(), IdempotencyPolicy.defaults(), clock,
            RecentCompletions.disabled(), new Forwarding(Map.of(WebhookType.WORKFLOW_COMPLETE, List.of(BACKEND))),
            outbox, OutboxSignal.NONE);
    private final CompleteWorkflow completeWorkflow =
            new CompleteWorkflow(intake, queue, clock, WorkflowCompletion::toString, TEXT);
    private final CreatePhases createPhases = new CreatePhases(queue, clock);

    private void planIssue42() {
        createPhases.create(new CreatePhasesCommand(new ParentIssue(42), List.of(
                new CreatePhasesCommand.NewPhase(new PhaseTitle("plan"), Optional.of(new QueueId("q-1"))),
                new CreatePhasesCommand.NewPhase(new PhaseTitle("build"), Optional.of(new QueueId("q-2"))),
                new CreatePhasesCommand.NewPhase(new PhaseTitle("ship"), Optional.of(new QueueId("q-3"))))));
    }

    private static CompleteWorkflowCommand completion(String queueId) {
        return new CompleteWorkflowCommand(new AdwId("adw-1"), WorkflowStatus.COMPLETED, new QueueId(queueId),
                new ParentIssue(42), null);
    }

    private static CompleteWorkflowCommand failure(String queueId) {
        return new CompleteWorkflowCommand(new AdwId("adw-1"), WorkflowStatus.FAILED, new QueueId(queueId),
                new ParentIssue(42), "tests failed");
    }

    private List<String> forwarded() {
        return outbox.all().stream().map(MessageView::message)
                .map(message -> message.eventType() + " | " + message.orderingKey() + " | "
                        + new String(message.body(), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void completedPhaseIsForwardedAsCompletedThenTheNextPhaseAsReadyOrderedByTheIssue() {
        planIssue42();

        completeWorkflow.complete(completion("q-1"));

        assertThat(forwarded()).containsExactly(
                "phase.completed | 42 | phase.completed q-1 completed 2026-03-01T12:00:00Z",
                "phase.ready | 42 | phase.ready q-2 ready 2026-03-01T12:00:00Z");
        assertThat(outbox.all()).extracting(MessageView::message).extracting(OutboundMessage::destination,
                OutboundMessage::source, OutboundMessage::contentType).containsOnly(
                        tuple(BACKEND, "workflow_complete", "text/plain"));
    }

    @Test
    void resendOfTheReportForwardsNothingMore() {
        planIssue42();
        completeWorkflow.complete(completion("q-1"));
        clock.advance(Duration.ofSeconds(2));

        assertThat(completeWorkflow.complete(completion("q-1"))).isInstanceOf(IntakeResult.Replayed.class);

        assertThat(outbox.all()).hasSize(2);
    }

    @Test
    void reportOnAnAlreadyCompletedPhaseCausesNoEvent() {
        planIssue42();
        completeWorkflow.complete(completion("q-1"));
        clock.advance(Duration.ofMinutes(5));

        IntakeResult<WorkflowCompletion> late = completeWorkflow.complete(completion("q-1"));

        assertThat(late).isInstanceOfSatisfying(IntakeResult.Processed.class,
                processed -> assertThat(((WorkflowCompletion) processed.value()).phaseUpdated()).isFalse());
        assertThat(outbox.all()).hasSize(2);
    }

    @Test
    void failedPhaseIsForwardedAsFailedThenEachLaterPhaseAsBlocked() {
        planIssue42();

        completeWorkflow.complete(failure("q-1"));

        assertThat(forwarded()).containsExactly(
                "phase.failed | 42 | phase.failed q-1 failed 2026-03-01T12:00:00Z",
                "phase.blocked | 42 | phase.blocked q-2 blocked 2026-03-01T12:00:00Z",
                "phase.blocked | 42 | phase.blocked q-3 blocked 2026-03-01T12:00:00Z");
    }

    @Test
    void completionAfterAFailureReadiesTheNextPhaseAndRequeuesTheOthersWithoutAnEvent() {
        planIssue42();
        completeWorkflow.complete(failure("q-1"));
        clock.advance(Duration.ofMinutes(1));

        completeWorkflow.complete(completion("q-1"));

        assertThat(forwarded().subList(3, forwarded().size())).containsExactly(
                "phase.completed | 42 | phase.completed q-1 completed 2026-03-01T12:01:00Z",
                "phase.ready | 42 | phase.ready q-2 ready 2026-03-01T12:01:00Z");
        assertThat(queue.findByIssue(new ParentIssue(42))).extracting(PhaseEntry::status)
                .containsExactly(PhaseStatus.COMPLETED, PhaseStatus.READY, PhaseStatus.QUEUED);
    }

    @Test
    void rejectedReportForwardsNothing() {
        assertThat(completeWorkflow.complete(completion("q-1"))).isInstanceOf(IntakeResult.Rejected.class);

        assertThat(outbox.all()).isEmpty();
    }

    @Test
    void completionAdvancesTheQueueOnceAndTheResendIsReplayed() {
        planIssue42();

        IntakeResult<WorkflowCompletion> first = completeWorkflow.complete(completion("q-1"));
        clock.advance(Duration.ofSeconds(2));
        IntakeResult<WorkflowCompletion> resend = completeWorkflow.complete(completion("q-1"));

        assertThat(first).isInstanceOf(IntakeResult.Processed.class);
        WorkflowCompletion value = ((IntakeResult.Processed<WorkflowCompletion>) first).value();
        assertThat(value.phaseUpdated()).isTrue();
        assertThat(value.nextPhaseTriggered()).isTrue();
        assertThat(resend).isInstanceOf(IntakeResult.Replayed.class);
        assertThat(queue.findByIssue(new ParentIssue(42))).extracting(PhaseEntry::status)
                .containsExactly(PhaseStatus.COMPLETED, PhaseStatus.READY, PhaseStatus.QUEUED);
    }

    @Test
    void unknownQueueIdIsRejectedAndProcessedOnceTheEntryExists() {
        IntakeResult<WorkflowCompletion> early = completeWorkflow.complete(completion("q-1"));

        assertThat(early).isInstanceOf(IntakeResult.Rejected.class);
        assertThat(((IntakeResult.Rejected<WorkflowCompletion>) early).rejection().reason())
                .isEqualTo(Rejection.Reason.NOT_FOUND);

        planIssue42();
        assertThat(completeWorkflow.complete(completion("q-1"))).isInstanceOf(IntakeResult.Processed.class);
    }

    @Test
    void keyIsDerivedFromAdwIdStatusAndQueueId() {
        assertThat(CompleteWorkflow.keyOf(completion("q-1")).webhookId().value())
                .isEqualTo("fbbb0a3b33f949216ff3a7419776cb69265f137b5bd6f8b5aa763b388fc579c1");
    }
}
