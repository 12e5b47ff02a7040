package io.hookguard.domain.idempotency;

/**
 * Turns the result of a processed delivery into the text the store keeps and replays to every resend. The edge
 * that owns the wire format supplies it; the domain only passes the text through.
 */
@FunctionalInterface
public interface ResponseFormat<R> {

    String format(R value);
}
