package io.hookguard.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.hookguard.domain.github.ListGithubDeliveries;
import io.hookguard.domain.github.ReceiveGithubDelivery;
import io.hookguard.domain.idempotency.CleanUpExpiredEvents;
import io.hookguard.domain.idempotency.InspectWebhookEvents;
import io.hookguard.domain.idempotency.WebhookEventStore;
import io.hookguard.domain.queue.CompleteWorkflow;
import io.hookguard.domain.queue.CreatePhases;
import io.hookguard.domain.queue.ListIssuePhases;
import io.hookguard.http.HookguardHttp;
import io.hookguard.http.HttpServerOptions;
import io.hookguard.http.HttpSettings;
import io.hookguard.http.HttpUseCases;
import io.hookguard.http.IntakeObserver;
import io.hookguard.persistence.Database;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Binds the HTTP edge: its settings, use cases and server options (thread pool, idle timeout, metrics, drain). */
final class HttpModule extends AbstractModule {

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

    @Provides
    @Singleton
    QueuedThreadPool threadPool(PrometheusMeterRegistry registry) {
        QueuedThreadPool pool = HttpServerOptions.threadPool(HttpServerOptions.DEFAULT_MAX_THREADS);
        new JettyServerThreadPoolMetrics(pool, List.of()).bindTo(registry);
        return pool;
    }

    @Provides
    @Singleton
    HttpServerOptions serverOptions(QueuedThreadPool threadPool, PrometheusMeterRegistry registry, Drain drain) {
        return new HttpServerOptions(threadPool, config.idleTimeout(), registry::scrape, drain);
    }

    @Provides
    @Singleton
    Javalin javalin(HttpSettings settings, HttpUseCases useCases, IntakeObserver observer, HttpServerOptions options) {
        return HookguardHttp.create(settings, useCases, observer, options);
    }
}
