package io.hookguard.app.forwarding;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for something the system does by itself (a delivery, a retry); fails with what was seen instead. */
final class Await {

    private Await() {
    }

    static void until(BooleanSupplier condition, Duration within, Supplier<String> seenInstead)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + seenInstead.get());
            }
            Thread.sleep(25);
        }
    }
}
