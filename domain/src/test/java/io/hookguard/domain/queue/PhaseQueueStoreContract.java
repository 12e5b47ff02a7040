package io.hookguard.domain.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link PhaseQueueStore} passes. An adapter's test returns a store over a clean schema. */
public abstract class PhaseQueueStoreContract {

    protected static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private PhaseQueueStore store;

    protected abstract PhaseQueueStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    protected static List<PhaseEntry> plan(int issue, String... queueIds) {
        List<PlannedPhase> planned = java.util.Arrays.stream(queueIds)
                .map(id -> new PlannedPhase(new PhaseTitle("phase " + id), new QueueId(id)))
                .toList();
        return IssuePhases.plan(new ParentIssue(issue), planned, NOW);
    }

    @Test
    void insertedPhasesAreListedInPhaseOrder() {
        store.insertAll(plan(42, "p1", "p2", "p3"));

        List<PhaseEntry> phases = store.findByIssue(new ParentIssue(42));

        assertThat(phases).extracting(PhaseEntry::phaseNumber).containsExactly(1, 2, 3);
        assertThat(phases).extracting(PhaseEntry::status)
                .containsExactly(PhaseStatus.READY, PhaseStatus.QUEUED, PhaseStatus.QUEUED);
        assertThat(phases.get(0)).isEqualTo(plan(42, "p1", "p2", "p3").get(0));
    }

    @Test
    void phasesAreFoundByQueueId() {
        store.insertAll(plan(42, "p1", "p2"));

        assertThat(store.findByQueueId(new QueueId("p2"))).map(PhaseEntry::phaseNumber).contains(2);
        assertThat(store.findByQueueId(new QueueId("unknown"))).isEmpty();
    }

    @Test
    void issuesAreKeptApart() {
        store.insertAll(plan(1, "a1", "a2"));
        store.insertAll(plan(2, "b1"));

        assertThat(store.findByIssue(new ParentIssue(2))).extracting(entry -> entry.queueId().value())
                .containsExactly("b1");
        assertThat(store.lockByIssue(new ParentIssue(1))).hasSize(2);
        assertThat(store.findByIssue(new ParentIssue(3))).isEmpty();
    }

    @Test
    void takenQueueIdIsAConflictAndInsertsNothing() {
        store.insertAll(plan(1, "taken"));

        assertThatThrownBy(() -> store.insertAll(plan(2, "fresh", "taken")))
                .isInstanceOf(QueueConflictException.class);
        assertThat(store.findByIssue(new ParentIssue(2))).isEmpty();
    }

    @Test
    void issueWithPhasesIsAConflict() {
        store.insertAll(plan(1, "a1"));

        assertThatThrownBy(() -> store.insertAll(plan(1, "other")))
                .isInstanceOf(QueueConflictException.class);
    }

    @Test
    void updatesPersistStatusReporterErrorAndTime() {
        store.insertAll(plan(42, "p1", "p2", "p3"));
        IssuePhases phases = new IssuePhases(store.lockByIssue(new ParentIssue(42)));
        Instant later = NOW.plusSeconds(5);

        PhaseTransition transition = phases.report(
                new QueueId("p1"), new AdwId("adw-9"), WorkflowStatus.FAILED, "tests failed", later);
        store.updateAll(transition.changed());

        List<PhaseEntry> stored = store.findByIssue(new ParentIssue(42));
        assertThat(stored).extracting(PhaseEntry::status)
                .containsExactly(PhaseStatus.FAILED, PhaseStatus.BLOCKED, PhaseStatus.BLOCKED);
        assertThat(stored.get(0).adwId()).isEqualTo(new AdwId("adw-9"));
        assertThat(stored.get(0).errorMessage()).isEqualTo("tests failed");
        assertThat(stored.get(0).updatedAt()).isEqualTo(later);
        assertThat(stored.get(0).createdAt()).isEqualTo(NOW);
    }
}
