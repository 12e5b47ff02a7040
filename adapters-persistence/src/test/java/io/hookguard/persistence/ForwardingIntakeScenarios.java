package io.hookguard.persistence;

import static io.hookguard.persistence.WorkflowIntake.ISSUE;
import static io.hookguard.persistence.WorkflowIntake.command;
import static io.hookguard.persistence.WorkflowIntake.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookguard.domain.idempotency.EventStatus;
import io.hookguard.domain.idempotency.IntakeResult;
import io.hookguard.domain.idempotency.WebhookEvent;
import io.hookguard.domain.idempotency.WebhookEventStore;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.outbox.MessageQuery;
import io.hookguard.domain.outbox.MessageView;
import io.hookguard.domain.queue.AdwId;
import io.hookguard.domain.queue.CompleteWorkflow;
import io.hookguard.domain.queue.CompleteWorkflowCommand;
import io.hookguard.domain.queue.PhaseEntry;
import io.hookguard.domain.queue.PhaseStatus;
import io.hookguard.domain.queue.QueueId;
import io.hookguard.domain.queue.WorkflowCompletion;
import io.hookguard.domain.queue.WorkflowStatus;
import io.hookguard.domain.testing.Decorated;
import io.hookguard.domain.testing.MutableClock;
import io.hookguard.persistence.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox messages of a workflow report commit with its claim, effect and completion, or not at all: proved with
 * the real use case on the jOOQ adapters, the outbox included.
 */
abstract class ForwardingIntakeScenarios {

    static final List<String> COMPLETED_P1 = List.of(
            "phase.completed backend: phase.completed p1 completed",
            "phase.completed audit: phase.completed p1 completed",
            "phase.ready backend: phase.ready p2 ready",
            "phase.ready audit: phase.ready p2 ready");

    protected final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private WorkflowIntake intake;

    protected abstract TestDatabase db();

    @BeforeEach
    void planIssue() {
        db().reset();
        intake = new WorkflowIntake(db().database(), clock);
        intake.queue.insertAll(plan(clock.instant(), "p1", "p2", "p3"));
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void processedReportCommitsItsMessagesWithTheClaimTheEffectAndTheCompletion() {
        IntakeResult<WorkflowCompletion> result = intake.complete("p1");

        assertThat(result).isInstanceOf(IntakeResult.Processed.class);
        assertThat(event("p1").status()).isEqualTo(EventStatus.COMPLETED);
        assertThat(statuses()).containsExactly(PhaseStatus.COMPLETED, PhaseStatus.READY, PhaseStatus.QUEUED);
        assertThat(intake.messages()).containsExactly(COMPLETED_P1.toArray(String[]::new));
        List<MessageView> views = intake.outbox.list(new MessageQuery(null, null, 10));
        assertThat(views).allSatisfy(view -> {
            assertThat(view.message().source()).isEqualTo("workflow_complete");
            assertThat(view.message().deliveryKey()).isEqualTo(event("p1").webhookId().value());
            assertThat(view.message().orderingKey()).isEqualTo("42");
            assertThat(view.message().contentType()).isEqualTo("text/plain");
        });
        assertThat(intake.signals).as("the dispatcher is told once, after the commit").hasValue(1);
    }

    @Test
    void resendOfAProcessedReportWritesNoMessage() {
        intake.complete("p1");
        clock.advance(Duration.ofSeconds(5));

        assertThat(new WorkflowIntake(db().database(), clock).complete("p1")).isInstanceOf(IntakeResult.Replayed.class);

        assertThat(intake.messages()).hasSize(4);
    }

    @Test
    void failedReportWritesPhaseFailedThenPhaseBlockedForEachLaterPhase() {
        intake.completeWorkflow.complete(new CompleteWorkflowCommand(new AdwId("adw-1"), WorkflowStatus.FAILED,
                new QueueId("p1"), ISSUE, "tests failed"));

        assertThat(intake.messages()).containsExactly(
                "phase.failed backend: phase.failed p1 failed",
                "phase.failed audit: phase.failed p1 failed",
                "phase.blocked backend: phase.blocked p2 blocked",
                "phase.blocked audit: phase.blocked p2 blocked",
                "phase.blocked backend: phase.blocked p3 blocked",
                "phase.blocked audit: phase.blocked p3 blocked");
    }

    @Test
    void completionThatFailsAfterTheAppendLeavesNoMessageNoEffectAndTheKeyClaimable() {
        WorkflowIntake breaking = new WorkflowIntake(db().database(), clock, UnaryOperator.identity(),
                events -> completing(events, () -> {
                    throw new IllegalStateException("completion lost");
                }));

        assertThatThrownBy(() -> breaking.complete("p1")).hasMessage("completion lost");

        assertNothingWasWritten();
        assertTheRetryIsProcessedOnce();
    }

    @Test
    void completionFencedOffByANewerAttemptUndoesTheMessages() {
        WorkflowIntake fenced = new WorkflowIntake(db().database(), clock, UnaryOperator.identity(),
                events -> Decorated.around(WebhookEventStore.class, events, (method, args, proceed) ->
                        method.getName().equals("complete") ? Boolean.FALSE : proceed.call()));

        assertThat(fenced.complete("p1")).isInstanceOf(IntakeResult.InFlight.class);

        assertNothingWasWritten();
        assertTheRetryIsProcessedOnce();
    }

    @Test
    void handlerThatThrowsAfterItsEffectWritesNoMessage() {
        WorkflowIntake crashing = new WorkflowIntake(db().database(), clock,
                queue -> WorkflowIntake.afterUpdate(queue, () -> {
                    throw new IllegalStateException("crashed after the effect was written");
                }));

        assertThat(crashing.complete("p1")).isInstanceOf(IntakeResult.Failed.class);

        assertThat(intake.messages()).isEmpty();
        assertThat(crashing.signals).hasValue(0);
        assertThat(statuses()).containsExactly(PhaseStatus.READY, PhaseStatus.QUEUED, PhaseStatus.QUEUED);
        assertThat(intake.complete("p1")).isInstanceOf(IntakeResult.Processed.class);
        assertThat(intake.messages()).containsExactly(COMPLETED_P1.toArray(String[]::new));
    }

    @Test
    void rejectedReportWritesNoMessage() {
        assertThat(intake.complete("unknown")).isInstanceOf(IntakeResult.Rejected.class);

        assertThat(intake.messages()).isEmpty();
        assertThat(intake.signals).hasValue(0);
    }

    @Test
    void thirtyTwoConcurrentCopiesOnTwoInstancesWriteExactlyOneSetOfMessages() throws Exception {
        Database secondInstance = db().connectAnother(settings -> settings);
        List<WorkflowIntake> instances = List.of(
                new WorkflowIntake(db().database(), clock), new WorkflowIntake(secondInstance, clock));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<IntakeResult<WorkflowCompletion>>> calls = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            WorkflowIntake instance = instances.get(i % 2);
            calls.add(threads.submit(() -> {
                start.await();
                return instance.complete("p1");
            }));
        }
        start.countDown();
        List<IntakeResult<WorkflowCompletion>> results = new ArrayList<>();
        for (Future<IntakeResult<WorkflowCompletion>> call : calls) {
            results.add(call.get(60, TimeUnit.SECONDS));
        }

        assertThat(results).filteredOn(IntakeResult.Processed.class::isInstance).hasSize(1);
        assertThat(intake.messages()).containsExactly(COMPLETED_P1.toArray(String[]::new));
        assertThat(instances.get(0).signals.get() + instances.get(1).signals.get()).isEqualTo(1);
    }

    /** The idempotency store whose completion runs {@code before} first (inside the unit of work, after the append). */
    static WebhookEventStore completing(WebhookEventStore events, Runnable before) {
        return Decorated.around(WebhookEventStore.class, events, (method, args, proceed) -> {
            if (method.getName().equals("complete")) {
                before.run();
            }
            return proceed.call();
        });
    }

    protected void assertNothingWasWritten() {
        assertThat(findEvent("p1")).isEmpty();
        assertThat(intake.messages()).isEmpty();
        assertThat(statuses()).containsExactly(PhaseStatus.READY, PhaseStatus.QUEUED, PhaseStatus.QUEUED);
    }

    protected void assertTheRetryIsProcessedOnce() {
        assertThat(intake.complete("p1")).isInstanceOf(IntakeResult.Processed.class);
        assertThat(event("p1").attempts()).isEqualTo(1);
        assertThat(intake.messages()).containsExactly(COMPLETED_P1.toArray(String[]::new));
        assertThat(statuses()).containsExactly(PhaseStatus.COMPLETED, PhaseStatus.READY, PhaseStatus.QUEUED);
    }

    protected Optional<WebhookEvent> findEvent(String queueId) {
        return intake.events.find(WebhookType.WORKFLOW_COMPLETE, CompleteWorkflow.keyOf(command(queueId)).webhookId());
    }

    protected WebhookEvent event(String queueId) {
        return findEvent(queueId).orElseThrow();
    }

    protected List<PhaseStatus> statuses() {
        return intake.queue.findByIssue(ISSUE).stream().map(PhaseEntry::status).toList();
    }
}
