package io.hookguard.domain.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.idempotency.IdempotencyPolicy;
import io.hookguard.domain.idempotency.IdempotentIntake;
import io.hookguard.domain.idempotency.InMemoryWebhookEventStore;
import io.hookguard.domain.idempotency.IntakeResult;
import io.hookguard.domain.idempotency.Rejection;
import io.hookguard.domain.testing.DirectUnitOfWork;
import io.hookguard.domain.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompleteWorkflowTest {

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    private final InMemoryPhaseQueueStore queue = new InMemoryPhaseQueueStore();
    private final IdempotentIntake intake = new IdempotentIntake(
            new InMemoryWebhookEventStore(), new DirectUnitOfWork(), IdempotencyPolicy.defaults(), clock);
    private final CompleteWorkflow completeWorkflow = new CompleteWorkflow(intake, queue, clock, WorkflowCompletion::toString);
    private final CreatePhases createPhases = new CreatePhases(queue, clock);

    private void planIssue42() {
        createPhases.create(new CreatePhasesCommand(new ParentIssue(42), List.of(
                new CreatePhasesCommand.NewPhase(new PhaseTitle("plan"), Optional.of(new QueueId("q-1"))),
                new CreatePhasesCommand.NewPhase(new PhaseTitle("build"), Optional.of(new QueueId("q-2"))))));
    }

    private static CompleteWorkflowCommand completion(String queueId) {
        return new CompleteWorkflowCommand(new AdwId("adw-1"), WorkflowStatus.COMPLETED, new QueueId(queueId),
                new ParentIssue(42), null);
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
                .containsExactly(PhaseStatus.COMPLETED, PhaseStatus.READY);
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
