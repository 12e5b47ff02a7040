package io.hookguard.domain.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IssuePhasesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(60);
    private static final AdwId ADW = new AdwId("adw-1");

    private static IssuePhases issueWith(PhaseStatus... statuses) {
        List<PlannedPhase> planned = java.util.stream.IntStream.rangeClosed(1, statuses.length)
                .mapToObj(i -> new PlannedPhase(new PhaseTitle("phase " + i), new QueueId("p" + i)))
                .toList();
        List<PhaseEntry> entries = IssuePhases.plan(new ParentIssue(7), planned, NOW);
        return new IssuePhases(java.util.stream.IntStream.range(0, statuses.length)
                .mapToObj(i -> entries.get(i).transitionTo(statuses[i], NOW))
                .toList());
    }

    private static List<PhaseStatus> statusesAfter(IssuePhases phases, PhaseTransition transition) {
        return phases.entries().stream()
                .map(entry -> transition.changed().stream()
                        .filter(changed -> changed.queueId().equals(entry.queueId()))
                        .findFirst().orElse(entry).status())
                .toList();
    }

    @Test
    void newPlanHasPhaseOneReadyAndTheRestQueued() {
        List<PhaseEntry> plan = IssuePhases.plan(new ParentIssue(7), List.of(
                new PlannedPhase(new PhaseTitle("plan"), new QueueId("a")),
                new PlannedPhase(new PhaseTitle("build"), new QueueId("b")),
                new PlannedPhase(new PhaseTitle("review"), new QueueId("c"))), NOW);

        assertThat(plan).extracting(PhaseEntry::status)
                .containsExactly(PhaseStatus.READY, PhaseStatus.QUEUED, PhaseStatus.QUEUED);
        assertThat(plan).extracting(PhaseEntry::phaseNumber).containsExactly(1, 2, 3);
    }

    @Test
    void completingAPhaseMakesTheNextOneReady() {
        IssuePhases phases = issueWith(PhaseStatus.READY, PhaseStatus.QUEUED, PhaseStatus.QUEUED);

        PhaseTransition transition = phases.report(new QueueId("p1"), ADW, WorkflowStatus.COMPLETED, null, LATER);

        assertThat(transition.phaseUpdated()).isTrue();
        assertThat(transition.nextPhaseTriggered()).isTrue();
        assertThat(statusesAfter(phases, transition))
                .containsExactly(PhaseStatus.COMPLETED, PhaseStatus.READY, PhaseStatus.QUEUED);
        assertThat(transition.changed().get(0).adwId()).isEqualTo(ADW);
        assertThat(transition.changed().get(0).updatedAt()).isEqualTo(LATER);
    }

    @Test
    void completingTheLastPhaseTriggersNothing() {
        IssuePhases phases = issueWith(PhaseStatus.COMPLETED, PhaseStatus.READY);

        PhaseTransition transition = phases.report(new QueueId("p2"), ADW, WorkflowStatus.COMPLETED, null, LATER);

        assertThat(transition.phaseUpdated()).isTrue();
        assertThat(transition.nextPhaseTriggered()).isFalse();
    }

    @Test
    void completingACompletedPhaseIsANoOp() {
        IssuePhases phases = issueWith(PhaseStatus.COMPLETED, PhaseStatus.READY);

        PhaseTransition transition = phases.report(new QueueId("p1"), ADW, WorkflowStatus.COMPLETED, null, LATER);

        assertThat(transition.phaseUpdated()).isFalse();
        assertThat(transition.nextPhaseTriggered()).isFalse();
        assertThat(transition.changed()).isEmpty();
    }

    @Test
    void failingAPhaseBlocksEveryLaterPhase() {
        IssuePhases phases = issueWith(PhaseStatus.COMPLETED, PhaseStatus.READY, PhaseStatus.QUEUED,
                PhaseStatus.QUEUED);

        PhaseTransition transition = phases.report(new QueueId("p2"), ADW, WorkflowStatus.FAILED, "lint", LATER);

        assertThat(transition.phaseUpdated()).isTrue();
        assertThat(transition.nextPhaseTriggered()).isFalse();
        assertThat(statusesAfter(phases, transition)).containsExactly(
                PhaseStatus.COMPLETED, PhaseStatus.FAILED, PhaseStatus.BLOCKED, PhaseStatus.BLOCKED);
        assertThat(transition.changed().get(0).errorMessage()).isEqualTo("lint");
    }

    @Test
    void completingAFailedPhaseUnblocksTheRest() {
        IssuePhases phases = issueWith(PhaseStatus.FAILED, PhaseStatus.BLOCKED, PhaseStatus.BLOCKED);

        PhaseTransition transition = phases.report(new QueueId("p1"), ADW, WorkflowStatus.COMPLETED, null, LATER);

        assertThat(transition.nextPhaseTriggered()).isTrue();
        assertThat(statusesAfter(phases, transition))
                .containsExactly(PhaseStatus.COMPLETED, PhaseStatus.READY, PhaseStatus.QUEUED);
    }

    @Test
    void statusesHaveLowerCaseWireNames() {
        assertThat(Arrays.stream(PhaseStatus.values()).map(PhaseStatus::wireName))
                .containsExactly("queued", "ready", "completed", "failed", "blocked");
        assertThat(PhaseStatus.fromWireName("blocked")).isEqualTo(PhaseStatus.BLOCKED);
    }
}
