package io.hookguard.http;

/** How an intake request ended, as the {@link IntakeObserver} and the log name it. */
enum IntakeOutcome {
    PROCESSED("processed"),
    DUPLICATE("duplicate"),
    IN_FLIGHT("in_flight"),
    MISMATCH("mismatch"),
    REJECTED("rejected"),
    FAILED("failed"),
    INVALID("invalid"),
    UNAVAILABLE("unavailable"),
    /** Refused because the server is shutting down; not a store error. */
    SHUTTING_DOWN("shutting_down");

    private final String label;

    IntakeOutcome(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The outcome of a request that ended in an error response before the intake decided anything. */
    static IntakeOutcome ofStatus(int status) {
        if (status == 503) {
            return UNAVAILABLE;
        }
        if (status >= 500) {
            return FAILED;
        }
        return status >= 400 ? INVALID : PROCESSED;
    }
}
