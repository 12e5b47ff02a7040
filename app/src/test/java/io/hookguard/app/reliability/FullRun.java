package io.hookguard.app.reliability;

import org.junit.jupiter.api.Assumptions;

/**
 * Whether this is the full reliability run ({@code scripts/reliability.sh}, Maven profile {@code reliability}) or the
 * fast subset that CI runs. Long scenarios abort (skipped, never passed) outside the full run.
 */
final class FullRun {

    static final String PROPERTY = "hookguard.reliability";
    static final String ONLY_IN_FULL_RUN = "full reliability run only: scripts/reliability.sh";

    private FullRun() {
    }

    static boolean active() {
        return "full".equals(System.getProperty(PROPERTY));
    }

    /** Skips the calling test, saying how to run it, unless this is the full run. */
    static void require() {
        if (!active()) {
            Assumptions.abort(ONLY_IN_FULL_RUN);
        }
    }

    /** {@code full} in the full run, {@code fast} otherwise. */
    static int size(int fast, int full) {
        return active() ? full : fast;
    }
}
