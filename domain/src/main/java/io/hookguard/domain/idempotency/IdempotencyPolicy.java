package io.hookguard.domain.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * How long a completed delivery is answered as a duplicate (per type), how long rows are kept, and
 * how long a claim may run before a retry may take it over.
 *
 * @param retention     rows older than this are deleted by cleanup
 * @param lease         how long a claim is held before a retry may re-claim it
 * @param defaultWindow the dedup window of types without a window of their own
 * @param windows       dedup windows by type
 */
public record IdempotencyPolicy(
        Duration retention, Duration lease, Duration defaultWindow, Map<WebhookType, Duration> windows) {

    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
    public static final Duration DEFAULT_WORKFLOW_COMPLETE_WINDOW = Duration.ofSeconds(30);

    public IdempotencyPolicy {
        requirePositive(retention, "retention");
        requirePositive(lease, "lease");
        requirePositive(defaultWindow, "defaultWindow");
        Objects.requireNonNull(windows, "'windows' is required");
        windows = Map.copyOf(windows);
        windows.forEach((type, window) -> requirePositive(window, "window of " + type));
        if (defaultWindow.compareTo(retention) > 0
                || windows.values().stream().anyMatch(window -> window.compareTo(retention) > 0)) {
            throw new IllegalArgumentException("a dedup window must not be longer than 'retention' (" + retention
                    + "): rows are deleted after retention");
        }
    }

    /** Defaults: window of workflow_complete 30 s, of any other type (github) the retention 7 d; lease 60 s. */
    public static IdempotencyPolicy defaults() {
        return new IdempotencyPolicy(DEFAULT_RETENTION, DEFAULT_LEASE, DEFAULT_RETENTION,
                Map.of(WebhookType.WORKFLOW_COMPLETE, DEFAULT_WORKFLOW_COMPLETE_WINDOW));
    }

    public Duration windowFor(WebhookType type) {
        return windows.getOrDefault(type, defaultWindow);
    }

    public ClaimRequest claimRequest(Delivery delivery, Instant now) {
        return new ClaimRequest(delivery, now, now.minus(windowFor(delivery.type())), now.plus(lease));
    }

    /** Rows received before this instant are past retention. */
    public Instant retentionCutoff(Instant now) {
        return now.minus(retention);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, "'" + name + "' is required");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("'" + name + "' must be a positive duration");
        }
    }
}
