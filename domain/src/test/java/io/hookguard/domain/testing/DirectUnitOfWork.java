package io.hookguard.domain.testing;

import io.hookguard.domain.idempotency.UnitOfWork;
import java.util.function.Supplier;

/** A unit of work for stores without transactions: runs the work directly and undoes nothing. */
public final class DirectUnitOfWork implements UnitOfWork {

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }
}
