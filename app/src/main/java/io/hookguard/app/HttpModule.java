package io.hookguard.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.hookguard.domain.deliveries.CountDeliveriesPerMinute;
import io.hookguard.domain.deliveries.DeliveryReadModel;
import io.hookguard.domain.deliveries.ListDeliveries;
import io.hookguard.domain.deliveries.OutboundMessageLog;
import io.hookguard.domain.deliveries.ShowDelivery;
import io.hookguard.domain.deliveries.StoredRequests;
import io.hookguard.domain.github.ListGithubDeliveries;
import io.hookguard.domain.github.ReceiveGithubDelivery;
import io.hookguard.domain.idempotency.CleanUpExpiredEvents;
import io.hookguard.domain.idempotency.InspectWebhookEvents;
import io.hookguard.domain.idempotency.StoreUnavailableException;
import io.hookguard.domain.idempotency.WebhookEventStore;
import io.hookguard.domain.queue.CompleteWorkflow;
import io.hookguard.domain.queue.CreatePhases;
import io.hookguard.domain.queue.ListIssuePhases;
import io.hookguard.http.HookguardHttp;
import io.hookguard.http.HttpSettings;
import io.hookguard.http.HttpUseCases;
import io.hookguard.http.IntakeObserver;
import io.hookguard.http.console.ConsoleRoutes;
import io.hookguard.http.console.ConsoleUseCases;
import io.hookguard.http.console.Redelivery;
import io.hookguard.persistence.Database;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The Javalin server: Hookguard's routes plus /metrics, request draining and Jetty's thread pool. */
final class HttpModule extends AbstractModule {

    private static final String ADMITTED = "hookguard.admitted";
    static final int MAX_THREADS = 200;

    private final HookguardConfig config;

    HttpModule(HookguardConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        bind(Drain.class).asEagerSingleton();
    }

    @Provides
    @Singleton
    HttpSettings httpSettings() {
        return new HttpSettings(config.webhookSecret().orElse(null), config.githubSecret().orElse(null),
                config.adminToken().orElse(null), config.maxBodyBytes());
    }

    @Provides
    @Singleton
    HttpUseCases httpUseCases(CompleteWorkflow completeWorkflow, ReceiveGithubDelivery receiveGithubDelivery,
            CreatePhases createPhases, ListIssuePhases listIssuePhases, ListGithubDeliveries listGithubDeliveries,
            InspectWebhookEvents inspectWebhookEvents, CleanUpExpiredEvents cleanUpExpiredEvents,
            WebhookEventStore store, Database database, Drain drain) {
        return new HttpUseCases(completeWorkflow, receiveGithubDelivery, createPhases, listIssuePhases,
                listGithubDeliveries, inspectWebhookEvents, cleanUpExpiredEvents,
                () -> !drain.isDraining() && store.isAvailable() && database.isAvailable());
    }

    /** The console; the stores Hookguard opens are also its read model (Redis refuses the list and chart). */
    @Provides
    @Singleton
    ConsoleRoutes consoleRoutes(WebhookEventStore store, HttpSettings settings, Clock clock) {
        DeliveryReadModel readModel = store instanceof DeliveryReadModel model ? model
                : DeliveryReadModel.unsupported("this idempotency store cannot list deliveries");
        return new ConsoleRoutes(new ConsoleUseCases(new ListDeliveries(readModel),
                new CountDeliveriesPerMinute(readModel, clock),
                new ShowDelivery(store, StoredRequests.none(), OutboundMessageLog.none()),
                Redelivery.unavailable()), settings.adminToken(), clock);
    }

    @Provides
    @Singleton
    QueuedThreadPool threadPool(PrometheusMeterRegistry registry) {
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 8, 60_000);
        pool.setName("http");
        new JettyServerThreadPoolMetrics(pool, List.of()).bindTo(registry);
        return pool;
    }

    @Provides
    @Singleton
    Javalin javalin(HttpSettings settings, HttpUseCases useCases, IntakeObserver observer,
            PrometheusMeterRegistry registry, QueuedThreadPool threadPool, Drain drain, ConsoleRoutes console) {
        return HookguardHttp.create(settings, useCases, observer, javalinConfig -> {
            javalinConfig.startup.showJavalinBanner = false;
            javalinConfig.jetty.threadPool = threadPool;
            JettyLimits.apply(javalinConfig, config.idleTimeout(), config.maxBodyBytes());
            javalinConfig.routes.before(ctx -> {
                if (!drain.enter()) {
                    throw new StoreUnavailableException("Hookguard is shutting down", null);
                }
                ctx.attribute(ADMITTED, Boolean.TRUE);
            });
            javalinConfig.routes.after(ctx -> {
                if (Boolean.TRUE.equals(ctx.attribute(ADMITTED))) {
                    drain.exit();
                }
            });
            console.register(javalinConfig.routes);
            javalinConfig.routes.get("/metrics", ctx -> ctx
                    .contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(registry.scrape()));
        });
    }
}
