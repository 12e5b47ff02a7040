package io.hookguard.app;

import com.google.inject.AbstractModule;
import io.hookguard.domain.outbox.OutboxSignal;

/**
 * Binds who is told when an intake committed outbox messages. Until a dispatcher runs in this process nobody is
 * (the messages wait in the outbox); the module that starts the dispatcher replaces this one and binds it instead.
 */
final class OutboxSignalModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(OutboxSignal.class).toInstance(OutboxSignal.NONE);
    }
}
