package io.hookguard.domain.idempotency;

import java.util.function.Supplier;

/**
 * Runs work atomically where the store can: a database adapter makes it one transaction, so that a claim,
 * the effects of its handler and the completion commit together. A call inside another call is nested
 * (a savepoint): a runtime exception thrown from it undoes only the nested work, then propagates.
 * Stores that cannot share a transaction run the work directly.
 */
public interface UnitOfWork {

    <T> T inTransaction(Supplier<T> work);
}
