package io.hookguard.domain.idempotency;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store decided for one claim request (the claim table in docs/SEMANTICS.md). {@link #map(Cases)} handles
 * every outcome: a new outcome adds a method to {@link Cases}, so each caller that has not decided what to do with
 * it fails to compile.
 */
public sealed interface ClaimOutcome {

    /** Applies the case of {@code cases} that matches this outcome. */
    <T> T map(Cases<T> cases);

    /** One function per outcome, for {@link #map(Cases)}. */
    interface Cases<T> {

        T claimed(Claimed claimed);

        T duplicate(Duplicate duplicate);

        T inFlight(InFlight inFlight);

        T mismatch(Mismatch mismatch);
    }

    /** The caller holds the key and runs the handler. */
    record Claimed(Claim claim) implements ClaimOutcome {
        public Claimed {
            Objects.requireNonNull(claim, "'claim' is required");
        }

        @Override
        public <T> T map(Cases<T> cases) {
            return cases.claimed(this);
        }
    }

    /** Completed within the dedup window: answer with what was stored, change nothing. */
    record Duplicate(String storedResponse, Instant completedAt) implements ClaimOutcome {
        public Duplicate {
            Objects.requireNonNull(completedAt, "'completedAt' is required");
        }

        @Override
        public <T> T map(Cases<T> cases) {
            return cases.duplicate(this);
        }
    }

    /** Another attempt holds a live lease on the key. */
    record InFlight(Instant lockedUntil) implements ClaimOutcome {
        public InFlight {
            Objects.requireNonNull(lockedUntil, "'lockedUntil' is required");
        }

        @Override
        public <T> T map(Cases<T> cases) {
            return cases.inFlight(this);
        }
    }

    /** The key is known with another fingerprint: same key, other content. */
    record Mismatch(Fingerprint storedFingerprint) implements ClaimOutcome {
        public Mismatch {
            Objects.requireNonNull(storedFingerprint, "'storedFingerprint' is required");
        }

        @Override
        public <T> T map(Cases<T> cases) {
            return cases.mismatch(this);
        }
    }
}
