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
import io.hookguard.domain.idempotency.WebhookEventStore;
import io.hookguard.domain.queue.CompleteWorkflow;
import io.hookguard.domain.queue.CreatePhases;
import io.hookguard.domain.queue.ListIssuePhases;
import io.hookguard.http.HookguardHttp;
import io.hookguard.http.HttpServerOptions;
import io.hookguard.http.HttpSettings;
import io.hookguard.http.HttpUseCases;
import io.hookguard.http.IntakeObserver;
import io.hookguard.http.MessageUseCases;
import io.hookguard.http.console.ConsoleUseCases;
import io.hookguard.http.console.Redelivery;
import io.hookguard.persistence.Database;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
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
            ConsoleUseCases console, WebhookEventStore store, Database database, Drain drain,
            MessageUseCases messages) {
        return new HttpUseCases(completeWorkflow, receiveGithubDelivery, createPhases, listIssuePhases,
                listGithubDeliveries, inspectWebhookEvents, cleanUpExpiredEvents, console,
                () -> !drain.isDraining() && store.isAvailable() && database.isAvailable(), messages);
    }

    /** The console's use cases; the store Hookguard opens is also its read model (Redis refuses the list and chart). */
    @Provides
    @Singleton
    ConsoleUseCases consoleUseCases(WebhookEventStore store, Clock clock) {
        DeliveryReadModel readModel = store instanceof DeliveryReadModel model ? model
                : DeliveryReadModel.unsupported("this idempotency store cannot list deliveries");
        return new ConsoleUseCases(new ListDeliveries(readModel), new CountDeliveriesPerMinute(readModel, clock),
                new ShowDelivery(store, StoredRequests.none(), OutboundMessageLog.none()), Redelivery.unavailable());
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
    HttpServerOptions serverOptions(QueuedThreadPool threadPool, PrometheusMeterRegistry registry, Drain drain,
            Clock clock) {
        return new HttpServerOptions(threadPool, config.idleTimeout(), registry::scrape, drain, clock);
    }

    @Provides
    @Singleton
    Javalin javalin(HttpSettings settings, HttpUseCases useCases, IntakeObserver observer, HttpServerOptions options) {
        return HookguardHttp.create(settings, useCases, observer, options);
    }
}
