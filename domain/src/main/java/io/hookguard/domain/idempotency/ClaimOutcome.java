package io.hookguard.domain.idempotency;

import java.time.Instant;
import java.util.Objects;

/** What a store decided for one claim request (the claim table in docs/SEMANTICS.md). */
public sealed interface ClaimOutcome {

    /** The caller holds the key and runs the handler. */
    record Claimed(Claim claim) implements ClaimOutcome {
        public Claimed {
            Objects.requireNonNull(claim, "'claim' is required");
        }
    }

    /** Completed within the dedup window: answer with what was stored, change nothing. */
    record Duplicate(String storedResponse, Instant completedAt) implements ClaimOutcome {
        public Duplicate {
            Objects.requireNonNull(completedAt, "'completedAt' is required");
        }
    }

    /** Another attempt holds a live lease on the key. */
    record InFlight(Instant lockedUntil) implements ClaimOutcome {
        public InFlight {
            Objects.requireNonNull(lockedUntil, "'lockedUntil' is required");
        }
    }

    /** The key is known with another fingerprint: same key, other content. */
    record Mismatch(Fingerprint storedFingerprint) implements ClaimOutcome {
        public Mismatch {
            Objects.requireNonNull(storedFingerprint, "'storedFingerprint' is required");
        }
    }
}
