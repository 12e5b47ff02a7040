package io.hookguard.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookguard.http.console.ConsoleRoutes;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.util.Objects;

/**
 * Builds Hookguard's HTTP edge on Javalin: every route (with {@code /metrics}), request tracking, problem mapping,
 * the admission gate that shutdown closes, and Jetty's limits on slow and oversized requests.
 */
public final class HookguardHttp {

    static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private HookguardHttp() {
    }

    /** Returns a configured Javalin that is NOT started; the caller starts it on its host and port. */
    public static Javalin create(HttpSettings settings, HttpUseCases useCases, IntakeObserver observer,
            HttpServerOptions options) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(useCases, "useCases");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(options, "options");
        ObjectMapper mapper = Json.mapper();
        ProblemMapper problems = new ProblemMapper(mapper);
        RequestBodies bodies = new RequestBodies(settings.maxBodyBytes());
        RequestParsers parsers = new RequestParsers(mapper);
        AdminAuth adminAuth = new AdminAuth(settings.adminToken());
        RequestTracking tracking = new RequestTracking(observer);
        Admission admission = new Admission(options.admission());
        IntakeRoutes intake = new IntakeRoutes(settings, useCases, bodies, parsers, new IntakeResponder(problems));
        QueueRoutes queue = new QueueRoutes(useCases, bodies, parsers, adminAuth);
        OperatorRoutes operator = new OperatorRoutes(useCases, mapper, adminAuth);
        MessageRoutes messages = new MessageRoutes(useCases.messages(), mapper, adminAuth);
        HealthRoutes health = new HealthRoutes(useCases.storeReady());
        ConsoleRoutes console = new ConsoleRoutes(useCases.console(), settings.adminToken(), options.clock());
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.jetty.threadPool = options.threadPool();
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblemErrorHandler(problems)));
            JettyLimits.apply(config, options.idleTimeout(), settings.maxBodyBytes());
            tracking.register(config.routes);
            problems.register(config.routes);
            admission.register(config.routes);
            intake.register(config.routes);
            queue.register(config.routes);
            operator.register(config.routes);
            messages.register(config.routes);
            health.register(config.routes);
            console.register(config.routes);
            config.routes.get("/metrics", ctx -> ctx.contentType(METRICS_CONTENT_TYPE)
                    .result(options.metricsScrape().get()));
        });
    }
}
