package io.hookguard.app;

import io.hookguard.http.AdmissionGate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Counts requests in flight so that shutdown can stop taking new ones and wait, bounded, for the rest. */
final class Drain implements AdmissionGate {

    private final AtomicBoolean draining = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int inFlight;

    /** Admits a request unless draining has begun. */
    @Override
    public boolean enter() {
        lock.lock();
        try {
            if (draining.get()) {
                return false;
            }
            inFlight++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void exit() {
        lock.lock();
        try {
            inFlight--;
            if (inFlight == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    boolean isDraining() {
        return draining.get();
    }

    /** Stops admitting requests and waits up to {@code grace} for those in flight; returns how many were left. */
    int drain(Duration grace) throws InterruptedException {
        draining.set(true);
        long remaining = grace.toNanos();
        lock.lock();
        try {
            while (inFlight > 0 && remaining > 0) {
                remaining = idle.awaitNanos(remaining);
            }
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    static long toMillis(Duration duration) {
        return TimeUnit.NANOSECONDS.toMillis(duration.toNanos());
    }
}
