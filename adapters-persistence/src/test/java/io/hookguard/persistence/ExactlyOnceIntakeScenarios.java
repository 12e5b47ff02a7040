package io.hookguard.persistence;

import static io.hookguard.persistence.WorkflowIntake.ISSUE;
import static io.hookguard.persistence.WorkflowIntake.command;
import static io.hookguard.persistence.WorkflowIntake.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookguard.domain.github.GithubEvent;
import io.hookguard.domain.github.InboxEntry;
import io.hookguard.domain.idempotency.EventStatus;
import io.hookguard.domain.idempotency.IntakeResult;
import io.hookguard.domain.idempotency.Rejection;
import io.hookguard.domain.idempotency.WebhookEvent;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.queue.CompleteWorkflow;
import io.hookguard.domain.queue.PhaseEntry;
import io.hookguard.domain.queue.PhaseQueueStore;
import io.hookguard.domain.queue.PhaseStatus;
import io.hookguard.domain.queue.QueueConflictException;
import io.hookguard.domain.queue.QueueId;
import io.hookguard.domain.queue.WorkflowCompletion;
import io.hookguard.domain.testing.MutableClock;
import io.hookguard.persistence.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Claim, effect and completion as one transaction, proved with the real workflow-complete use case on the jOOQ
 * adapters: concurrent duplicates, lock timeouts, handler failures and nested units of work.
 */
abstract class ExactlyOnceIntakeScenarios {

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
    void sixtyFourCallersOnTwoInstancesProduceExactlyOneEffect() throws Exception {
        AtomicInteger effects = new AtomicInteger();
        Database secondInstance = db().connectAnother(settings -> settings);
        UnaryOperator<PhaseQueueStore> counted = queue -> WorkflowIntake.afterUpdate(queue, effects::incrementAndGet);
        List<WorkflowIntake> instances = List.of(
                new WorkflowIntake(db().database(), clock, counted),
                new WorkflowIntake(secondInstance, clock, counted));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<IntakeResult<WorkflowCompletion>>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
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

        assertThat(effects).hasValue(1);
        assertThat(results).filteredOn(IntakeResult.Processed.class::isInstance).hasSize(1);
        assertThat(results).allMatch(result -> result instanceof IntakeResult.Processed
                || result instanceof IntakeResult.Replayed || result instanceof IntakeResult.InFlight);
        assertThat(statuses()).containsExactly(PhaseStatus.COMPLETED, PhaseStatus.READY, PhaseStatus.QUEUED);
        assertThat(event("p1").attempts()).isEqualTo(1);
    }

    @Test
    void handlerThatThrowsAfterItsEffectLeavesNoEffectAndTheRetryIsProcessed() {
        WorkflowIntake crashing = new WorkflowIntake(db().database(), clock,
                queue -> WorkflowIntake.afterUpdate(queue, () -> {
                    throw new IllegalStateException("crashed after the effect was written");
                }));

        IntakeResult<WorkflowCompletion> crashed = crashing.complete("p1");

        assertThat(crashed).isInstanceOf(IntakeResult.Failed.class);
        assertThat(statuses()).containsExactly(PhaseStatus.READY, PhaseStatus.QUEUED, PhaseStatus.QUEUED);
        WebhookEvent failed = event("p1");
        assertThat(failed.status()).isEqualTo(EventStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("crashed after the effect was written");

        IntakeResult<WorkflowCompletion> retry = intake.complete("p1");

        assertThat(retry).isInstanceOf(IntakeResult.Processed.class);
        assertThat(statuses()).containsExactly(PhaseStatus.COMPLETED, PhaseStatus.READY, PhaseStatus.QUEUED);
        assertThat(event("p1").status()).isEqualTo(EventStatus.COMPLETED);
        assertThat(event("p1").attempts()).isEqualTo(2);
    }

    @Test
    void rejectedDeliveryIsRecordedFailedAndProcessedOnceItsPhaseExists() {
        IntakeResult<WorkflowCompletion> rejected = intake.complete("later");

        assertThat(rejected).isInstanceOfSatisfying(IntakeResult.Rejected.class,
                result -> assertThat(result.rejection().reason()).isEqualTo(Rejection.Reason.NOT_FOUND));
        assertThat(event("later").status()).isEqualTo(EventStatus.FAILED);

        db().reset();
        intake.queue.insertAll(plan(clock.instant(), "later"));

        assertThat(intake.complete("later")).isInstanceOf(IntakeResult.Processed.class);
        assertThat(statuses()).containsExactly(PhaseStatus.COMPLETED);
    }

    @Test
    void concurrentDuplicateWaitsForTheFirstAndIsReplayed() throws Exception {
        CountDownLatch effectWritten = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WorkflowIntake slow = new WorkflowIntake(db().database(), clock, queue -> WorkflowIntake.afterUpdate(queue,
                () -> holdUntil(effectWritten, release)));
        Future<IntakeResult<WorkflowCompletion>> first = threads.submit(() -> slow.complete("p1"));
        assertThat(effectWritten.await(10, TimeUnit.SECONDS)).isTrue();

        Future<IntakeResult<WorkflowCompletion>> duplicate = threads.submit(() -> intake.complete("p1"));
        Thread.sleep(300);
        assertThat(duplicate).as("the duplicate waits on the first one's row lock").isNotDone();
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(IntakeResult.Processed.class);
        assertThat(duplicate.get(10, TimeUnit.SECONDS)).isInstanceOf(IntakeResult.Replayed.class);
        assertThat(statuses()).containsExactly(PhaseStatus.COMPLETED, PhaseStatus.READY, PhaseStatus.QUEUED);
    }

    @Test
    void concurrentDuplicateGivesUpAfterTheLockTimeoutAsInFlight() throws Exception {
        Duration lockTimeout = Duration.ofMillis(400);
        WorkflowIntake impatient = new WorkflowIntake(
                db().connectAnother(settings -> settings.withLockTimeout(lockTimeout)), clock);
        CountDownLatch effectWritten = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WorkflowIntake slow = new WorkflowIntake(db().database(), clock, queue -> WorkflowIntake.afterUpdate(queue,
                () -> holdUntil(effectWritten, release)));
        Future<IntakeResult<WorkflowCompletion>> first = threads.submit(() -> slow.complete("p1"));
        assertThat(effectWritten.await(10, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        IntakeResult<WorkflowCompletion> duplicate = impatient.complete("p1");
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        release.countDown();

        assertThat(duplicate).isInstanceOf(IntakeResult.InFlight.class);
        assertThat(waited).isGreaterThanOrEqualTo(lockTimeout.minusMillis(50)).isLessThan(Duration.ofSeconds(4));
        assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(IntakeResult.Processed.class);
        assertThat(impatient.complete("p1")).isInstanceOf(IntakeResult.Replayed.class);
    }

    @Test
    void adapterCallsInsideAUnitOfWorkRollBackTogether() {
        JooqGithubInbox inbox = new JooqGithubInbox(db().database());

        assertThatThrownBy(() -> intake.unitOfWork.inTransaction(() -> {
            inbox.append(inboxEntry("d1"));
            intake.queue.updateAll(List.of(new PhaseEntry(phase("p1").queueId(), ISSUE, 1, phase("p1").title(),
                    PhaseStatus.FAILED, null, "undone", clock.instant(), clock.instant())));
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");

        assertThat(inbox.newestFirst(10)).isEmpty();
        assertThat(phase("p1").status()).isEqualTo(PhaseStatus.READY);
    }

    @Test
    void nestedUnitOfWorkFailureUndoesOnlyTheNestedPart() {
        JooqGithubInbox inbox = new JooqGithubInbox(db().database());

        intake.unitOfWork.inTransaction(() -> {
            inbox.append(inboxEntry("kept"));
            assertThatThrownBy(() -> intake.unitOfWork.inTransaction(() -> {
                inbox.append(inboxEntry("undone"));
                throw new IllegalStateException("nested failure");
            })).hasMessage("nested failure");
            return inbox.append(inboxEntry("after"));
        });

        assertThat(inbox.newestFirst(10)).extracting(entry -> entry.deliveryId().value())
                .containsExactlyInAnyOrder("kept", "after");
    }

    @Test
    void takenQueueIdInsideAUnitOfWorkLeavesTheRestOfItIntact() {
        JooqGithubInbox inbox = new JooqGithubInbox(db().database());

        intake.unitOfWork.inTransaction(() -> {
            inbox.append(inboxEntry("before"));
            assertThatThrownBy(() -> intake.queue.insertAll(plan(clock.instant(), "p1")))
                    .isInstanceOf(QueueConflictException.class);
            return inbox.append(inboxEntry("after"));
        });

        assertThat(inbox.newestFirst(10)).hasSize(2);
    }

    protected WebhookEvent event(String queueId) {
        WebhookId id = CompleteWorkflow.keyOf(command(queueId)).webhookId();
        return intake.events.find(WebhookType.WORKFLOW_COMPLETE, id).orElseThrow();
    }

    protected List<PhaseStatus> statuses() {
        return intake.queue.findByIssue(ISSUE).stream().map(PhaseEntry::status).toList();
    }

    protected WorkflowIntake intake() {
        return intake;
    }

    private PhaseEntry phase(String queueId) {
        return intake.queue.findByQueueId(new QueueId(queueId)).orElseThrow();
    }

    private InboxEntry inboxEntry(String deliveryId) {
        return new InboxEntry(new WebhookId(deliveryId), new GithubEvent("push"), null, null, "{}", clock.instant());
    }

    static void holdUntil(CountDownLatch reached, CountDownLatch release) {
        reached.countDown();
        try {
            if (!release.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
