package io.hookguard.domain.idempotency;

/**
 * Told about every retention pass, whoever started it (the schedule, an operator's request, the command line),
 * so that passes are counted in one place.
 */
public interface CleanupObserver {

    /** An observer that ignores everything. */
    CleanupObserver NONE = new CleanupObserver() {
        @Override
        public void passCompleted(long deleted) {
        }

        @Override
        public void passFailed(RuntimeException failure) {
        }
    };

    /** A pass ran to the end and deleted {@code deleted} events. */
    void passCompleted(long deleted);

    /** A pass ran to the end and deleted what {@code pass} says; by default only its events are told. */
    default void passCompleted(CleanupPass pass) {
        passCompleted(pass.events());
    }

    /** A pass stopped with {@code failure}; the events it deleted before that stay deleted. */
    void passFailed(RuntimeException failure);
}
