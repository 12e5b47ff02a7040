package io.hookguard.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.hookguard.domain.github.GithubInbox;
import io.hookguard.domain.idempotency.UnitOfWork;
import io.hookguard.domain.outbox.Outbox;
import io.hookguard.domain.queue.PhaseQueueStore;
import io.hookguard.persistence.Database;
import io.hookguard.persistence.JooqGithubInbox;
import io.hookguard.persistence.JooqOutbox;
import io.hookguard.persistence.JooqPhaseQueueStore;
import io.hookguard.persistence.JooqUnitOfWork;

/** Binds the phase queue, the inbox, the outbox and the unit of work to the relational database Main opened. */
final class RelationalStoreModule extends AbstractModule {

    private final Database database;

    RelationalStoreModule(Database database) {
        this.database = database;
    }

    @Override
    protected void configure() {
        bind(Database.class).toInstance(database);
    }

    @Provides
    @Singleton
    PhaseQueueStore phaseQueueStore(Database db) {
        return new JooqPhaseQueueStore(db);
    }

    @Provides
    @Singleton
    GithubInbox githubInbox(Database db) {
        return new JooqGithubInbox(db);
    }

    /** The outbox shares the unit of work's connection, so its messages commit with the claim. */
    @Provides
    @Singleton
    Outbox outbox(Database db) {
        return new JooqOutbox(db);
    }

    @Provides
    @Singleton
    UnitOfWork unitOfWork(Database db) {
        return new JooqUnitOfWork(db);
    }
}
