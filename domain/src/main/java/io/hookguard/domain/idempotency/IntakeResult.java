package io.hookguard.domain.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The result of one delivery at the intake, for the edge to map to a response. */
public sealed interface IntakeResult<R> {

    WebhookId webhookId();

    /** Claimed, handled and completed, in one unit of work. */
    record Processed<R>(WebhookId webhookId, R value) implements IntakeResult<R> {
        public Processed {
            Objects.requireNonNull(webhookId, "'webhookId' is required");
            Objects.requireNonNull(value, "'value' is required");
        }
    }

    /** Already completed within the window; nothing changed. */
    record Replayed<R>(WebhookId webhookId, String storedResponse, Instant completedAt) implements IntakeResult<R> {
        public Replayed {
            Objects.requireNonNull(webhookId, "'webhookId' is required");
        }
    }

    /** Another attempt holds the key; retry after {@code retryAfter}. */
    record InFlight<R>(WebhookId webhookId, Duration retryAfter) implements IntakeResult<R> {
        public InFlight {
            Objects.requireNonNull(webhookId, "'webhookId' is required");
            Objects.requireNonNull(retryAfter, "'retryAfter' is required");
        }
    }

    /** The key is known with other content. */
    record Mismatch<R>(WebhookId webhookId) implements IntakeResult<R> {
        public Mismatch {
            Objects.requireNonNull(webhookId, "'webhookId' is required");
        }
    }

    /** The handler refused the delivery; the claim was released, so a retry is processed. */
    record Rejected<R>(WebhookId webhookId, Rejection rejection) implements IntakeResult<R> {
        public Rejected {
            Objects.requireNonNull(webhookId, "'webhookId' is required");
            Objects.requireNonNull(rejection, "'rejection' is required");
        }
    }

    /** The handler failed; its effects were undone and the claim recorded as FAILED, so a retry is processed. */
    record Failed<R>(WebhookId webhookId, RuntimeException cause) implements IntakeResult<R> {
        public Failed {
            Objects.requireNonNull(webhookId, "'webhookId' is required");
            Objects.requireNonNull(cause, "'cause' is required");
        }
    }
}
