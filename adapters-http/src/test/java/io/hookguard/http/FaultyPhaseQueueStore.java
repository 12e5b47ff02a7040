package io.hookguard.http;

import io.hookguard.domain.queue.InMemoryPhaseQueueStore;
import io.hookguard.domain.queue.PhaseEntry;
import io.hookguard.domain.queue.PhaseQueueStore;
import io.hookguard.domain.testing.Decorated;
import java.util.ArrayList;
import java.util.List;

/** The in-memory phase queue ({@link #port()}), which a test can make fail with an unexpected exception. */
final class FaultyPhaseQueueStore {

    private final InMemoryPhaseQueueStore delegate = new InMemoryPhaseQueueStore();
    private final List<PhaseEntry> inserted = new ArrayList<>();
    private final PhaseQueueStore port = Decorated.around(PhaseQueueStore.class, delegate, (method, args, proceed) -> {
        RuntimeException current = this.failure;
        if (current != null) {
            throw current;
        }
        if (!method.getName().equals("insertAll")) {
            return proceed.call();
        }
        synchronized (this) {
            @SuppressWarnings("unchecked")
            List<PhaseEntry> entries = (List<PhaseEntry>) args[0];
            proceed.call();
            inserted.addAll(entries);
            return null;
        }
    });
    private volatile RuntimeException failure;

    /** The queue as the use cases see it. */
    PhaseQueueStore port() {
        return port;
    }

    void breakDown() {
        breakDownWith(new IllegalStateException("SELECT * FROM phase_queue failed: connection reset (secret=hunter2)"));
    }

    /** From now on every call throws {@code failure}. */
    void breakDownWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** Every entry, as now stored, of every issue that was planned. */
    synchronized List<PhaseEntry> everything() {
        return inserted.stream().map(entry -> delegate.findByQueueId(entry.queueId()).orElseThrow()).toList();
    }
}
