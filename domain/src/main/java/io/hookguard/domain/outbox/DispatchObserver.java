package io.hookguard.domain.outbox;

/** Told about every attempt the dispatcher makes (metrics, logs). Must not throw. */
public interface DispatchObserver {

    DispatchObserver NONE = (message, attempt, settlement) -> { };

    void attempted(LeasedMessage message, Attempt attempt, Settlement settlement);
}
