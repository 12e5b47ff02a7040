package io.hookguard.domain.idempotency;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-process cache of deliveries known to be COMPLETED within their dedup window, so that a resend is answered
 * without asking the store. It holds only completions (never a claim in flight); an entry expires when the store
 * would stop answering Duplicate for it (the window's end, or retention's, whichever comes first); a delivery with
 * another fingerprint is not answered here, so that the store decides Mismatch. Bounded: the oldest entry is evicted.
 * Safe with several instances: a COMPLETED row does not change within its window, whoever asks.
 */
public final class RecentCompletions {

    /** Entries kept by default: about 7 MB of heap; older resends are answered by the read-only look-up. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final Map<Key, Entry> entries = new LinkedHashMap<>();

    public RecentCompletions(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("'capacity' must not be negative");
        }
        this.capacity = capacity;
    }

    /** A cache that keeps nothing: every delivery goes to the store. */
    public static RecentCompletions disabled() {
        return new RecentCompletions(0);
    }

    /** The stored outcome of this delivery if it is cached as completed with the same fingerprint and not expired. */
    public Optional<ClaimOutcome.Duplicate> duplicateOf(Delivery delivery, Instant now) {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(now, "now");
        if (capacity == 0) {
            return Optional.empty();
        }
        Key key = new Key(delivery.type(), delivery.id());
        Entry entry;
        synchronized (entries) {
            entry = entries.get(key);
            if (entry != null && !now.isBefore(entry.expiresAt())) {
                entries.remove(key);
                return Optional.empty();
            }
        }
        if (entry == null || !entry.fingerprint().equals(delivery.fingerprint())) {
            return Optional.empty();
        }
        return Optional.of(new ClaimOutcome.Duplicate(entry.response(), entry.completedAt()));
    }

    /**
     * Remembers a completion until {@code expiresAt} (exclusive); an entry already expired at {@code now} is not kept.
     */
    public void remember(WebhookType type, WebhookId webhookId, Fingerprint fingerprint, String response,
            Instant completedAt, Instant expiresAt, Instant now) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (capacity == 0 || !now.isBefore(expiresAt)) {
            return;
        }
        Key key = new Key(type, webhookId);
        synchronized (entries) {
            entries.remove(key);
            entries.put(key, new Entry(fingerprint, response, completedAt, expiresAt));
            Iterator<Key> oldest = entries.keySet().iterator();
            while (entries.size() > capacity) {
                oldest.next();
                oldest.remove();
            }
        }
    }

    /** How many entries are kept (expired ones included until they are looked up or evicted). */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private record Key(WebhookType type, WebhookId webhookId) {
    }

    private record Entry(Fingerprint fingerprint, String response, Instant completedAt, Instant expiresAt) {
    }
}
