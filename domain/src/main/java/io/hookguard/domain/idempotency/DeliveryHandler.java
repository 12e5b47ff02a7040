package io.hookguard.domain.idempotency;

/** The effect of one kind of delivery, run while its claim is held. */
@FunctionalInterface
public interface DeliveryHandler<R> {

    HandlerOutcome<R> handle(Claim claim);
}
