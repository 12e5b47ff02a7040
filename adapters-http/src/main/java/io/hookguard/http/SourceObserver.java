package io.hookguard.http;

/**
 * Told what the sources' verification and body limits decided, so that the app can count it by source: which
 * secret position verified a request (an operator sees when a rotated-out secret is no longer used), refusals, and
 * bodies over the source's limit.
 */
public interface SourceObserver {

    /** Observes nothing. */
    SourceObserver NONE = new SourceObserver() {
    };

    /** A request of {@code source} was verified by the secret at {@code secretIndex} (0 for the first). */
    default void verified(String source, int secretIndex) {
    }

    /** A request of {@code source} was refused by its verification (answered 401). */
    default void refused(String source) {
    }

    /** A request of {@code source} had a body over the source's limit (answered 413). */
    default void bodyTooLarge(String source) {
    }
}
