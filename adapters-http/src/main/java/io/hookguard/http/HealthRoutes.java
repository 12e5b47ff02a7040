package io.hookguard.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Liveness (the process answers) and readiness (the store answers); both stay open. */
final class HealthRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(HealthRoutes.class);

    private final BooleanSupplier storeReady;

    HealthRoutes(BooleanSupplier storeReady) {
        this.storeReady = storeReady;
    }

    void register(RoutesConfig routes) {
        routes.get("/health/live", ctx -> ctx.json(JsonViews.HealthView.UP));
        routes.get("/health/ready", this::ready);
    }

    private void ready(Context ctx) {
        if (storeAnswers()) {
            ctx.json(JsonViews.HealthView.UP);
        } else {
            ctx.status(503).json(JsonViews.HealthView.DOWN);
        }
    }

    private boolean storeAnswers() {
        try {
            return storeReady.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("readiness check failed: {}", e.toString());
            return false;
        }
    }
}
