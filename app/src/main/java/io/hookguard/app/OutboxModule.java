package io.hookguard.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.hookguard.domain.outbox.DispatchObserver;
import io.hookguard.domain.outbox.DispatchOutbox;
import io.hookguard.domain.outbox.ListMessages;
import io.hookguard.domain.outbox.OutboxInspection;
import io.hookguard.domain.outbox.OutboxQueue;
import io.hookguard.domain.outbox.OutboxRedelivery;
import io.hookguard.domain.outbox.OutboxRetention;
import io.hookguard.domain.outbox.OutboxSignal;
import io.hookguard.domain.outbox.RedeliverDeadMessages;
import io.hookguard.domain.outbox.RedeliverMessage;
import io.hookguard.domain.outbox.ShowMessage;
import io.hookguard.http.MessageUseCases;
import io.hookguard.persistence.Database;
import io.hookguard.persistence.JooqOutboxStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Binds the outbox: the store's ports, the dispatcher over the given routes (also the {@link OutboxSignal} that
 * wakes it after a commit), its metrics and the operators' use cases. Only binds: {@link Hookguard} starts and
 * stops the dispatcher.
 */
final class OutboxModule extends AbstractModule {

    private final HookguardConfig config;
    private final List<OutboxDispatcher.Route> routes;

    OutboxModule(HookguardConfig config, List<OutboxDispatcher.Route> routes) {
        this.config = config;
        this.routes = List.copyOf(routes);
    }

    @Override
    protected void configure() {
        bind(OutboxSignal.class).to(OutboxDispatcher.class);
    }

    @Provides
    @Singleton
    JooqOutboxStore outboxStore(Database database) {
        return new JooqOutboxStore(database);
    }

    @Provides
    OutboxQueue outboxQueue(JooqOutboxStore store) {
        return store;
    }

    @Provides
    OutboxInspection outboxInspection(JooqOutboxStore store) {
        return store;
    }

    @Provides
    OutboxRedelivery outboxRedelivery(JooqOutboxStore store) {
        return store;
    }

    @Provides
    OutboxRetention outboxRetention(JooqOutboxStore store) {
        return store;
    }

    @Provides
    @Singleton
    DispatchObserver dispatchObserver(MeterRegistry registry) {
        return new MicrometerDispatchObserver(registry);
    }

    @Provides
    @Singleton
    OutboxDispatcher outboxDispatcher(OutboxQueue queue, Clock clock, DispatchObserver observer) {
        DispatchOutbox dispatch = new DispatchOutbox(queue, clock, new SplittableRandom(), observer);
        OutboxDispatcher.Settings settings = new OutboxDispatcher.Settings(OutboxDispatcher.Settings.DEFAULTS
                .batchSize(), OutboxDispatcher.Settings.DEFAULTS.idlePoll(), config.shutdownGrace());
        return new OutboxDispatcher(dispatch, queue, clock, routes, settings);
    }

    @Provides
    @Singleton
    OutboxGauges outboxGauges(OutboxInspection inspection, Clock clock, MeterRegistry registry) {
        return new OutboxGauges(inspection, clock,
                routes.stream().map(route -> route.destination().name()).toList(), registry);
    }

    @Provides
    @Singleton
    MessageUseCases messageUseCases(OutboxInspection inspection, OutboxRedelivery redelivery, OutboxSignal signal,
            Clock clock) {
        return new MessageUseCases(new ListMessages(inspection), new ShowMessage(inspection),
                new RedeliverMessage(redelivery, signal, clock), new RedeliverDeadMessages(redelivery, signal, clock));
    }
}
