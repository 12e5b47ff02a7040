package io.hookguard.domain.outbox;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One recorded attempt to hand a message to its destination, as operators see it.
 *
 * @param at         when the attempt began
 * @param statusCode the status the destination answered, or null (timeout, connection error, no status)
 * @param duration   how long it took
 * @param outcome    what it came to
 * @param detail     the first {@value #MAX_DETAIL_BYTES} bytes (UTF-8) of the answer or the error
 */
public record Attempt(Instant at, Integer statusCode, Duration duration, Outcome outcome, String detail) {

    /** The most of an answer or error kept with an attempt: 1 KiB. */
    public static final int MAX_DETAIL_BYTES = 1024;

    /** What an attempt came to. */
    public enum Outcome {
        DELIVERED, FAILED, REFUSED
    }

    public Attempt {
        Objects.requireNonNull(at, "'at' is required");
        Objects.requireNonNull(duration, "'duration' is required");
        Objects.requireNonNull(outcome, "'outcome' is required");
        Objects.requireNonNull(detail, "'detail' is required");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("'duration' must not be negative");
        }
        if (statusCode != null && (statusCode < 100 || statusCode > 999)) {
            throw new IllegalArgumentException("'statusCode' must be 100..999");
        }
        detail = detailOf(detail);
    }

    /** The attempt that began {@code at}, took {@code duration} and came to {@code result}. */
    public static Attempt of(Instant at, Duration duration, AttemptResult result) {
        Outcome outcome = result instanceof AttemptResult.Delivered ? Outcome.DELIVERED
                : result instanceof AttemptResult.Refused ? Outcome.REFUSED
                : Outcome.FAILED;
        return new Attempt(at, result.statusCode().orElse(null), duration, outcome, result.detail());
    }

    /**
     * {@code text} cut to at most {@value #MAX_DETAIL_BYTES} UTF-8 bytes without splitting a character, with
     * U+0000 (which PostgreSQL text cannot hold) replaced by U+FFFD.
     */
    public static String detailOf(String text) {
        String clean = text.replace('\u0000', '\uFFFD');
        if (clean.length() * 3 <= MAX_DETAIL_BYTES) {
            return clean;
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer in = CharBuffer.wrap(clean);
        encoder.encode(in, ByteBuffer.allocate(MAX_DETAIL_BYTES), true);
        return clean.substring(0, in.position());
    }
}
