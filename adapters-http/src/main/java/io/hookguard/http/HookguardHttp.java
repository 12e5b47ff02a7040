package io.hookguard.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import java.util.Objects;
import java.util.function.Consumer;

/** Builds Hookguard's HTTP edge: every route, the request tracking and the problem mapping, on Javalin. */
public final class HookguardHttp {

    private HookguardHttp() {
    }

    /**
     * Returns a configured Javalin that is NOT started. {@code customizer} runs last inside the config, so the
     * caller can add routes ({@code /metrics}) and Jetty, host, port and shutdown settings.
     */
    public static Javalin create(HttpSettings settings, HttpUseCases useCases, IntakeObserver observer,
            Consumer<JavalinConfig> customizer) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(useCases, "useCases");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(customizer, "customizer");
        ObjectMapper mapper = Json.mapper();
        ProblemMapper problems = new ProblemMapper(mapper);
        RequestBodies bodies = new RequestBodies(settings.maxBodyBytes());
        RequestParsers parsers = new RequestParsers(mapper);
        AdminAuth adminAuth = new AdminAuth(settings.adminToken());
        RequestTracking tracking = new RequestTracking(observer);
        IntakeRoutes intake = new IntakeRoutes(settings, useCases, bodies, parsers, new IntakeResponder(problems));
        QueueRoutes queue = new QueueRoutes(useCases, bodies, parsers, adminAuth);
        OperatorRoutes operator = new OperatorRoutes(useCases, mapper, adminAuth);
        HealthRoutes health = new HealthRoutes(useCases.storeReady());
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblemErrorHandler(problems)));
            tracking.register(config.routes);
            problems.register(config.routes);
            intake.register(config.routes);
            queue.register(config.routes);
            operator.register(config.routes);
            health.register(config.routes);
            customizer.accept(config);
        });
    }
}
