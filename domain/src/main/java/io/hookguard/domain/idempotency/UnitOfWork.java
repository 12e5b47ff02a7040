package io.hookguard.domain.idempotency;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs work atomically where the store can: a database adapter makes it one transaction, so that a claim,
 * the effects of its handler and the completion commit together. A call inside another call is nested
 * (a savepoint): a runtime exception thrown from it undoes only the nested work, then propagates.
 * Stores that cannot share a transaction run the work directly.
 */
public interface UnitOfWork {

    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs work like {@link #inTransaction(Supplier)} and keeps its effects only when {@code keep} accepts its
     * answer; otherwise they are undone (nested: back to where this call began) and the answer is returned all the
     * same. Work that throws is undone and the exception propagates, as with {@link #inTransaction(Supplier)}.
     */
    default <T> T inTransaction(Supplier<T> work, Predicate<? super T> keep) {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(keep, "keep");
        UndoneWork undone = new UndoneWork();
        try {
            return inTransaction(() -> {
                T answer = work.get();
                if (!keep.test(answer)) {
                    undone.answer = answer;
                    throw undone;
                }
                return answer;
            });
        } catch (UndoneWork e) {
            if (e != undone) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            T answer = (T) undone.answer;
            return answer;
        }
    }
}
