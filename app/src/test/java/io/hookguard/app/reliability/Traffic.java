package io.hookguard.app.reliability;

import io.hookguard.app.JarProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Drives a {@link RetryingSender}: copies of each delivery at once, or deliveries at a steady rate. */
final class Traffic {

    private Traffic() {
    }

    /**
     * Sends every delivery {@code copies} times concurrently (the copies of one delivery are released together),
     * {@code threads} requests at a time; returns when every copy has ended.
     */
    static void storm(RetryingSender sender, List<DeliveryLog> logs, int copies, int threads,
            RetryingSender.Route route, Duration within) throws Exception {
        if (threads % copies != 0) {
            throw new IllegalArgumentException("threads must be a multiple of copies, so that copies start together");
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> sent = new ArrayList<>();
        for (DeliveryLog log : logs) {
            CountDownLatch together = new CountDownLatch(copies);
            for (int copy = 0; copy < copies; copy++) {
                int index = copy;
                sent.add(pool.submit(() -> {
                    together.countDown();
                    together.await(10, TimeUnit.SECONDS);
                    return sender.send(log, index, route);
                }));
            }
        }
        await(pool, sent, within);
    }

    /** Starts delivery {@code i} at {@code i / perSecond} seconds (open loop), each sent once and retried. */
    static void steady(RetryingSender sender, List<DeliveryLog> logs, double perSecond, int threads,
            RetryingSender.Route route, Duration within) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> sent = new ArrayList<>();
        long start = System.nanoTime();
        long period = (long) (1_000_000_000L / perSecond);
        for (int i = 0; i < logs.size(); i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            DeliveryLog log = logs.get(i);
            sent.add(pool.submit(() -> sender.send(log, 0, route)));
        }
        await(pool, sent, within);
    }

    /**
     * Warms the jars up (class loading, JIT, pool) with 400 real deliveries, half of them on issues from
     * {@code firstIssue}, sent once each; returns their logs, which belong in the scenario's reconciliation.
     */
    static List<DeliveryLog> warmUp(ScenarioDatabase database, RetryingSender sender, List<JarProcess> jars,
            int firstIssue) throws Exception {
        int count = 400;
        List<DeliveryLog> logs = DeliveryLog.of(Delivery.mixed(count, firstIssue, "warm-up"));
        Phases.plan(database, firstIssue, Delivery.completionsIn(count));
        storm(sender, logs, 1, 8, (index, copy, attempt) -> jars.get((index + attempt) % jars.size()).port(),
                Duration.ofMinutes(2));
        return logs;
    }

    @SafeVarargs
    static List<DeliveryLog> concat(List<DeliveryLog>... parts) {
        List<DeliveryLog> all = new ArrayList<>();
        for (List<DeliveryLog> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private static void await(ExecutorService pool, List<Future<?>> sent, Duration within) throws Exception {
        pool.shutdown();
        long deadline = System.nanoTime() + within.toNanos();
        try {
            for (Future<?> future : sent) {
                future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            throw new AssertionError("the sender did not finish within " + within, e);
        } catch (ExecutionException e) {
            throw new AssertionError("a sender thread failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
