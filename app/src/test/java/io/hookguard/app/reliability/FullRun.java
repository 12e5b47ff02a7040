package io.hookguard.app.reliability;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Whether this is the full reliability run ({@code scripts/reliability.sh}, Maven profile {@code reliability}) or the
 * fast subset that CI runs. Long scenarios are marked {@link Only}: outside the full run they are reported as skipped
 * with the reason, never as passed and never left out of the report.
 */
public final class FullRun {

    static final String PROPERTY = "hookguard.reliability";
    static final String ONLY_IN_FULL_RUN = "full reliability run only: run scripts/reliability.sh"
            + " (Maven profile reliability)";

    private FullRun() {
    }

    public static boolean active() {
        return "full".equals(System.getProperty(PROPERTY));
    }

    /** {@code full} in the full run, {@code fast} otherwise. */
    static int size(int fast, int full) {
        return active() ? full : fast;
    }

    /** Marks a scenario that runs in the full reliability run only; elsewhere it is skipped, saying how to run it. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(Condition.class)
    public @interface Only {
    }

    /** Disables {@link Only} tests outside the full run, with {@link #ONLY_IN_FULL_RUN} as the reason. */
    public static final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (context.getTestMethod().isEmpty()) {
                // decided per test, so that each one shows up in the report as skipped
                return ConditionEvaluationResult.enabled("evaluated per test");
            }
            return active() ? ConditionEvaluationResult.enabled("full reliability run")
                    : ConditionEvaluationResult.disabled(ONLY_IN_FULL_RUN);
        }
    }
}
