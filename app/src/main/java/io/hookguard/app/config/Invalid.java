package io.hookguard.app.config;

/** A value of the configuration file that is not accepted: what is wrong with it, and what would be. */
final class Invalid extends IllegalArgumentException {

    private final String problem;
    private final String accepted;

    Invalid(String problem, String accepted) {
        super(problem + "; accepted: " + accepted);
        this.problem = problem;
        this.accepted = accepted;
    }

    String problem() {
        return problem;
    }

    String accepted() {
        return accepted;
    }
}
