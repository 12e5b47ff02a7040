package io.hookguard.domain.idempotency;

/** Carries the answer of work out of its unit of work so that the unit is rolled back; never leaves the domain. */
final class UndoneWork extends RuntimeException {

    transient Object answer;

    UndoneWork() {
        super("work undone by its caller", null, false, false);
    }
}
