package io.hookguard.app;

import io.hookguard.domain.outbox.Destination;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.DispatchCommand;
import io.hookguard.domain.outbox.DispatchOutbox;
import io.hookguard.domain.outbox.DispatchPass;
import io.hookguard.domain.outbox.LeaseRule;
import io.hookguard.domain.outbox.OutboxQueue;
import io.hookguard.domain.outbox.OutboxSignal;
import io.hookguard.domain.outbox.RetrySchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox dispatcher of one instance: for every destination a lane of its own with a bounded number of worker
 * threads, so that a slow destination holds only its own workers. A worker runs dispatch passes while they find
 * work; when idle it sleeps until the destination's next message is due, a {@link #wakeUp()} (a message was just
 * committed), or the idle poll (messages committed by other instances), whichever comes first — no busy polling.
 * A wake-up rouses one idle worker of each lane, and a worker whose pass leased a full batch rouses one more, so
 * that a trickle of commits keeps one worker busy and a backlog brings in the others.
 * {@link #close()} lets attempts in flight finish and gives the rest of their batches back; an attempt that does
 * not finish within the grace keeps its lease, which expires so that another instance retries the message.
 */
public final class OutboxDispatcher implements OutboxSignal, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    /**
     * The largest batch for a destination that makes its attempts one after the other: its lease grows with the
     * batch, and a crashed instance's leased messages wait for that lease to expire.
     */
    static final int ONE_BY_ONE_BATCH = 5;

    /** The shortest idle sleep: when something is due yet nothing could be leased (a concurrent instance has it). */
    static final Duration MIN_WAIT = Duration.ofMillis(100);

    /**
     * One destination as the dispatcher serves it.
     *
     * @param destination the destination
     * @param schedule    its retry schedule
     * @param timeout     the longest one attempt takes (the lease is derived from it)
     * @param concurrency worker threads: at most this many passes to it at once, each with one batch in flight
     *                    (its attempts one after the other, or together where the destination sends
     *                    asynchronously, as HTTP does)
     */
    public record Route(Destination destination, RetrySchedule schedule, Duration timeout, int concurrency) {

        public Route {
            Objects.requireNonNull(destination, "'destination' is required");
            Objects.requireNonNull(schedule, "'retry' is required");
            Objects.requireNonNull(timeout, "'timeout' is required");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("'timeout' must be positive");
            }
            if (concurrency < 1 || concurrency > 64) {
                throw new IllegalArgumentException("'concurrency' must be 1..64");
            }
        }
    }

    /**
     * How the dispatcher runs.
     *
     * @param batchSize messages a worker leases per pass (and settles in one call to the store)
     * @param idlePoll  the longest an idle worker sleeps, so that messages of other instances are noticed
     * @param grace     how long {@link #close()} waits for attempts in flight
     */
    public record Settings(int batchSize, Duration idlePoll, Duration grace) {

        public static final Settings DEFAULTS = new Settings(20, Duration.ofSeconds(5), Duration.ofSeconds(20));

        public Settings {
            Objects.requireNonNull(idlePoll, "'idlePoll' is required");
            Objects.requireNonNull(grace, "'grace' is required");
            if (batchSize < 1) {
                throw new IllegalArgumentException("'batchSize' must be at least 1");
            }
            if (idlePoll.compareTo(MIN_WAIT) < 0) {
                throw new IllegalArgumentException("'idlePoll' must be at least " + MIN_WAIT.toMillis() + "ms");
            }
            if (grace.isNegative()) {
                throw new IllegalArgumentException("'grace' must not be negative");
            }
        }
    }

    private final DispatchOutbox dispatch;
    private final OutboxQueue queue;
    private final Clock clock;
    private final Settings settings;
    private final Map<DestinationName, Lane> lanes = new LinkedHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopping;
    private boolean started;

    public OutboxDispatcher(DispatchOutbox dispatch, OutboxQueue queue, Clock clock, List<Route> routes,
            Settings settings) {
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        for (Route route : routes) {
            if (lanes.put(route.destination().name(), new Lane(route)) != null) {
                throw new IllegalArgumentException("destination '" + route.destination().name()
                        + "' is routed twice");
            }
        }
    }

    /** Starts the workers of every destination. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the outbox dispatcher was started before");
        }
        started = true;
        for (Lane lane : lanes.values()) {
            for (int i = 1; i <= lane.route.concurrency(); i++) {
                Thread worker = new Thread(lane::work, "outbox-" + lane.name + "-" + i);
                worker.setDaemon(true);
                workers.add(worker);
                worker.start();
            }
        }
    }

    /** Wakes an idle worker of every lane: a message was just committed (call after the commit, not before). */
    public void wakeUp() {
        lanes.values().forEach(Lane::wakeUp);
    }

    /** The unit of work committed messages: {@link #wakeUp()}. */
    @Override
    public void messagesCommitted() {
        wakeUp();
    }

    /** Wakes an idle worker of one destination; unknown names are ignored. */
    public void wakeUp(DestinationName destination) {
        Lane lane = lanes.get(destination);
        if (lane != null) {
            lane.wakeUp();
        }
    }

    /**
     * Begins stopping and returns at once: no new attempt starts, leased messages not yet attempted are given back.
     * A shutdown calls it early (with intake's stop), then {@link #close()}.
     */
    public void requestStop() {
        stopping = true;
        lanes.values().forEach(Lane::wakeAll);
    }

    /**
     * Stops: {@link #requestStop()}, then attempts in flight may finish within the grace; after it the workers are
     * interrupted and their leases left to expire.
     */
    @Override
    public synchronized void close() {
        requestStop();
        long deadline = System.nanoTime() + settings.grace().toNanos();
        for (Thread worker : workers) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> unfinished = workers.stream().filter(Thread::isAlive).map(Thread::getName).toList();
        if (!unfinished.isEmpty()) {
            LOG.warn("outbox attempts still in flight after {}: {}; their leases expire and another instance "
                    + "retries them", Durations.format(settings.grace()), unfinished);
            workers.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
        }
    }

    /**
     * How long an idle worker sleeps: until {@code next} (the destination's next wake-up time), at least
     * {@link #MIN_WAIT} and at most {@code idlePoll}; the idle poll when nothing is pending.
     */
    static Duration idleWait(Optional<Instant> next, Instant now, Duration idlePoll) {
        if (next.isEmpty()) {
            return idlePoll;
        }
        Duration untilDue = Duration.between(now, next.get());
        if (untilDue.compareTo(MIN_WAIT) < 0) {
            return MIN_WAIT;
        }
        return untilDue.compareTo(idlePoll) > 0 ? idlePoll : untilDue;
    }

    /** The workers of one destination and the signal that wakes them. */
    private final class Lane {
        final Route route;
        final DestinationName name;
        final DispatchCommand command;
        final int batchSize;
        final ReentrantLock lock = new ReentrantLock();
        final Condition signal = lock.newCondition();
        long generation;

        Lane(Route route) {
            this.route = route;
            this.name = route.destination().name();
            boolean together = route.destination().attemptsTogether();
            this.batchSize = together ? settings.batchSize() : Math.min(settings.batchSize(), ONE_BY_ONE_BATCH);
            // The lease covers a pass: one timeout when the batch's attempts run together, else one per message.
            Duration pass = together ? route.timeout() : route.timeout().multipliedBy(batchSize);
            this.command = new DispatchCommand(route.destination(), route.schedule(), LeaseRule.leaseLength(pass),
                    batchSize, () -> stopping);
        }

        /**
         * Something may be leasable: one sleeping worker wakes, and a worker between passes runs another instead of
         * sleeping (the generation moved on).
         */
        void wakeUp() {
            lock.lock();
            try {
                generation++;
                signal.signal();
            } finally {
                lock.unlock();
            }
        }

        /** Wakes every sleeping worker (stopping). */
        void wakeAll() {
            lock.lock();
            try {
                generation++;
                signal.signalAll();
            } finally {
                lock.unlock();
            }
        }

        long generation() {
            lock.lock();
            try {
                return generation;
            } finally {
                lock.unlock();
            }
        }

        void work() {
            String failure = null;
            while (!stopping && !Thread.currentThread().isInterrupted()) {
                long seen = generation();
                Duration wait;
                try {
                    DispatchPass pass = dispatch.dispatch(command);
                    if (failure != null) {
                        LOG.info("outbox dispatch to '{}' works again", name);
                        failure = null;
                    }
                    if (pass.leased() >= batchSize) {
                        wakeUp();
                    }
                    if (pass.leased() > 0 || generation() != seen) {
                        continue;
                    }
                    wait = idleWait(queue.nextWakeUp(name), clock.instant(), settings.idlePoll());
                } catch (RuntimeException e) {
                    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    if (!message.equals(failure)) {
                        LOG.warn("outbox dispatch to '{}' failed; trying again in {}: {}", name,
                                Durations.format(settings.idlePoll()), message);
                    }
                    failure = message;
                    wait = settings.idlePoll();
                }
                if (!sleep(seen, wait)) {
                    return;
                }
            }
        }

        /** Sleeps up to {@code wait} unless woken since {@code seen}; false when interrupted. */
        private boolean sleep(long seen, Duration wait) {
            lock.lock();
            try {
                long nanos = wait.toNanos();
                while (!stopping && generation == seen && nanos > 0) {
                    nanos = signal.awaitNanos(nanos);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.unlock();
            }
        }
    }
}
