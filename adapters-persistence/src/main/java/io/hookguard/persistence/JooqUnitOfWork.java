package io.hookguard.persistence;

import io.hookguard.domain.idempotency.UnitOfWork;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The unit of work as a database transaction: claim, effects and completion commit together. The outermost
 * call is a transaction whose row-lock waits end after the configured lock timeout; a nested call is a savepoint.
 */
public final class JooqUnitOfWork implements UnitOfWork {

    private final Database db;

    public JooqUnitOfWork(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        return db.inTransaction(work);
    }
}
