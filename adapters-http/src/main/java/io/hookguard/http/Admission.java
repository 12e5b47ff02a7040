package io.hookguard.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * Lets a request start only while the {@link AdmissionGate} is open; a refused request is answered 503 "shutting
 * down" with {@code Retry-After}, and an intake request refused so is counted as {@code shutting_down}.
 */
final class Admission {

    private static final String ADMITTED = "hookguard.admitted";

    private final AdmissionGate gate;

    Admission(AdmissionGate gate) {
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    void register(RoutesConfig routes) {
        routes.before(this::enter);
        routes.after(this::exit);
    }

    private void enter(Context ctx) {
        if (!gate.enter()) {
            IntakeRoutes.typeOf(ctx.path()).ifPresent(type -> {
                RequestTracking.intake(ctx, type);
                RequestTracking.outcome(ctx, IntakeOutcome.SHUTTING_DOWN);
            });
            throw new ProblemException(ProblemMapper.shuttingDown());
        }
        ctx.attribute(ADMITTED, Boolean.TRUE);
    }

    private void exit(Context ctx) {
        if (Boolean.TRUE.equals(ctx.attribute(ADMITTED))) {
            gate.exit();
        }
    }
}
