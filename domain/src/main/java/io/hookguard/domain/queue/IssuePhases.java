package io.hookguard.domain.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The ordered phases of one issue, and the pure transitions a workflow report makes on them. */
public final class IssuePhases {

    private final List<PhaseEntry> phases;

    public IssuePhases(List<PhaseEntry> phases) {
        this.phases = phases.stream().sorted(Comparator.comparingInt(PhaseEntry::phaseNumber)).toList();
    }

    /** A new plan: phase 1 is ready, the rest queued, numbered in the given order. */
    public static List<PhaseEntry> plan(ParentIssue issue, List<PlannedPhase> planned, Instant now) {
        List<PhaseEntry> entries = new ArrayList<>(planned.size());
        for (int i = 0; i < planned.size(); i++) {
            PlannedPhase phase = planned.get(i);
            PhaseStatus status = i == 0 ? PhaseStatus.READY : PhaseStatus.QUEUED;
            entries.add(new PhaseEntry(phase.queueId(), issue, i + 1, phase.title(), status, null, null, now, now));
        }
        return List.copyOf(entries);
    }

    /**
     * Applies a workflow report to the phase {@code queueId}. Completed: the phase becomes completed, later
     * phases blocked by an earlier failure are queued again, and the next phase, if queued, becomes ready.
     * Failed: the phase becomes failed with the error and every later phase blocked. A report on a phase
     * that is already completed changes nothing.
     */
    public PhaseTransition report(QueueId queueId, AdwId adwId, WorkflowStatus status, String error, Instant now) {
        PhaseEntry target = phases.stream()
                .filter(phase -> phase.queueId().equals(queueId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no phase " + queueId + " in this issue"));
        if (target.status() == PhaseStatus.COMPLETED) {
            return PhaseTransition.unchanged(target);
        }
        List<PhaseEntry> changed = new ArrayList<>();
        List<PhaseEntry> later = phases.stream().filter(phase -> phase.phaseNumber() > target.phaseNumber()).toList();
        if (status == WorkflowStatus.COMPLETED) {
            changed.add(target.reportedBy(adwId, PhaseStatus.COMPLETED, null, now));
            boolean nextTriggered = false;
            for (int i = 0; i < later.size(); i++) {
                PhaseEntry phase = later.get(i);
                PhaseStatus next = phase.status() == PhaseStatus.BLOCKED ? PhaseStatus.QUEUED : phase.status();
                if (i == 0 && next == PhaseStatus.QUEUED) {
                    next = PhaseStatus.READY;
                    nextTriggered = true;
                }
                if (next != phase.status()) {
                    changed.add(phase.transitionTo(next, now));
                }
            }
            return new PhaseTransition(target.queueId(), true, nextTriggered, changed);
        }
        changed.add(target.reportedBy(adwId, PhaseStatus.FAILED, Objects.requireNonNullElse(error, ""), now));
        for (PhaseEntry phase : later) {
            if (phase.status() != PhaseStatus.BLOCKED && phase.status() != PhaseStatus.COMPLETED) {
                changed.add(phase.transitionTo(PhaseStatus.BLOCKED, now));
            }
        }
        return new PhaseTransition(target.queueId(), true, false, changed);
    }

    public List<PhaseEntry> entries() {
        return phases;
    }
}
