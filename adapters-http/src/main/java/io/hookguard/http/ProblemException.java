package io.hookguard.http;

/** Ends a request with a problem response; thrown by the edge's own checks (signature, size, parsing). */
final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
