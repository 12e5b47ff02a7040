package io.hookguard.domain.outbox;

/**
 * A system that receives outbound messages (an HTTP endpoint, a NATS JetStream subject). One attempt per call;
 * the dispatcher decides about retries. Implementations never throw for a failed attempt: they return it.
 */
public interface Destination {

    DestinationName name();

    AttemptResult send(OutboundMessage message);
}
