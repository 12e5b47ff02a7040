package io.hookguard.domain.outbox;

import io.hookguard.domain.idempotency.Payload;

/**
 * Turns an event a handler's effect caused into the payload its destinations receive. The edge that owns the wire
 * format supplies it (like {@link io.hookguard.domain.idempotency.ResponseFormat}); the domain never builds JSON.
 */
@FunctionalInterface
public interface EventFormat<E> {

    Payload format(E event);
}
