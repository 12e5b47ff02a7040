package io.hookguard.http.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How a source's requests prove where they come from. A scheme checks the raw body bytes as received, before
 * anything is parsed or written, compares in constant time, and accepts a request that any one of its secrets
 * signed (so secrets can be rotated without downtime). Implementations are immutable and thread-safe, and never
 * reveal a secret (not in {@code toString}, not in a refusal).
 */
public interface SignatureScheme {

    /** The scheme's name as written in the configuration ({@code github}, {@code stripe}, ...). */
    String name();

    /**
     * Checks one request.
     *
     * @param headers the request's headers
     * @param body the raw body, exactly as received
     * @param now the current time (timestamped schemes refuse requests signed too long ago or too far ahead)
     */
    Verification verify(RequestHeaders headers, byte[] body, Instant now);

    /**
     * How far a signature's timestamp may lie from now, for schemes that sign a timestamp; empty otherwise. A
     * source's dedup window must be at least this long, so that a replay is stopped either way.
     */
    default Optional<Duration> tolerance() {
        return Optional.empty();
    }

    /** Where this scheme's senders put the idempotency key, when the configuration does not say; empty if it must. */
    default Optional<FieldRule> defaultKey() {
        return Optional.empty();
    }

    /** Where this scheme's senders put the event type, when the configuration does not say; empty if unknown. */
    default Optional<FieldRule> defaultEvent() {
        return Optional.empty();
    }
}
