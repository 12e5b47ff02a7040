package io.hookguard.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.hookguard.domain.github.GithubInbox;
import io.hookguard.domain.github.ListGithubDeliveries;
import io.hookguard.domain.github.ReceiveGithubDelivery;
import io.hookguard.domain.idempotency.CleanUpExpiredEvents;
import io.hookguard.domain.idempotency.CleanupObserver;
import io.hookguard.domain.idempotency.IdempotencyPolicy;
import io.hookguard.domain.idempotency.IdempotentIntake;
import io.hookguard.domain.idempotency.InspectWebhookEvents;
import io.hookguard.domain.idempotency.UnitOfWork;
import io.hookguard.domain.idempotency.WebhookEventStore;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.Forwarding;
import io.hookguard.domain.outbox.Outbox;
import io.hookguard.domain.outbox.OutboxRetention;
import io.hookguard.domain.outbox.OutboxSignal;
import io.hookguard.domain.queue.CompleteWorkflow;
import io.hookguard.domain.queue.CreatePhases;
import io.hookguard.domain.queue.ListIssuePhases;
import io.hookguard.domain.queue.PhaseQueueStore;
import io.hookguard.http.PhaseEvents;
import io.hookguard.http.StoredResponses;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the domain's use cases from the ports; the domain itself carries no Guice annotation. */
final class DomainModule extends AbstractModule {

    /** Timestamps are kept to the microsecond, so what a response shows is what the database stores. */
    static final Duration DATABASE_PRECISION = Duration.ofNanos(1_000);

    private final HookguardConfig config;

    DomainModule(HookguardConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        bind(Clock.class).toInstance(Clock.tick(Clock.systemUTC(), DATABASE_PRECISION));
        bind(IdempotencyPolicy.class).toInstance(config.policy());
    }

    @Provides
    @Singleton
    IdempotentIntake intake(WebhookEventStore store, UnitOfWork unitOfWork, IdempotencyPolicy policy, Clock clock,
            Forwarding forwarding, Outbox outbox, OutboxSignal signal) {
        return IdempotentIntake.standard(store, unitOfWork, policy, clock, forwarding, outbox, signal);
    }

    /** Each source's {@code forward} list of the configuration: where what it accepted is handed on. */
    @Provides
    @Singleton
    Forwarding forwarding() {
        Map<WebhookType, List<DestinationName>> routes = new HashMap<>();
        config.sources().sources().forEach(source -> routes.put(new WebhookType(source.name()), source.forward()));
        return new Forwarding(routes);
    }

    @Provides
    @Singleton
    CompleteWorkflow completeWorkflow(IdempotentIntake intake, PhaseQueueStore queue, Clock clock) {
        return new CompleteWorkflow(intake, queue, clock, StoredResponses.workflowCompletion(), PhaseEvents.json());
    }

    @Provides
    @Singleton
    CreatePhases createPhases(PhaseQueueStore queue, Clock clock) {
        return new CreatePhases(queue, clock);
    }

    @Provides
    @Singleton
    ListIssuePhases listIssuePhases(PhaseQueueStore queue) {
        return new ListIssuePhases(queue);
    }

    @Provides
    @Singleton
    ReceiveGithubDelivery receiveGithubDelivery(IdempotentIntake intake, GithubInbox inbox, Clock clock) {
        return new ReceiveGithubDelivery(intake, inbox, clock, StoredResponses.githubReceipt());
    }

    @Provides
    @Singleton
    ListGithubDeliveries listGithubDeliveries(GithubInbox inbox) {
        return new ListGithubDeliveries(inbox);
    }

    @Provides
    @Singleton
    InspectWebhookEvents inspectWebhookEvents(WebhookEventStore store) {
        return new InspectWebhookEvents(store);
    }

    @Provides
    @Singleton
    CleanUpExpiredEvents cleanUpExpiredEvents(WebhookEventStore store, IdempotencyPolicy policy, Clock clock,
            CleanupObserver observer, OutboxRetention outbox) {
        return new CleanUpExpiredEvents(store, policy, clock, config.cleanupBatchSize(), observer, outbox);
    }
}
