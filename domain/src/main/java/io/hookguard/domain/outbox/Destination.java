package io.hookguard.domain.outbox;

import java.util.concurrent.CompletableFuture;

/**
 * A system that receives outbound messages (an HTTP endpoint, a NATS JetStream subject). One attempt per call;
 * the dispatcher decides about retries. Implementations never throw for a failed attempt: they return it.
 */
public interface Destination {

    DestinationName name();

    AttemptResult send(OutboundMessage message);

    /**
     * The same attempt, begun without waiting for it, so that the messages of one leased batch (which have distinct
     * ordering keys) are in flight together. The future completes with the result, within the destination's
     * timeout, and never exceptionally for a failed attempt. The default makes the attempt at once on the calling
     * thread ({@link #send}); a destination that can wait without a thread overrides it.
     */
    default CompletableFuture<AttemptResult> sendAsync(OutboundMessage message) {
        return CompletableFuture.completedFuture(send(message));
    }

    /**
     * Whether {@link #sendAsync} begins an attempt without waiting for the ones begun before it, so that a whole
     * batch takes one timeout rather than one per message; the dispatcher sizes its batches and leases by it.
     */
    default boolean attemptsTogether() {
        return false;
    }
}
