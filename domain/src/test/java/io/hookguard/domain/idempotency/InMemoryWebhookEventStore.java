package io.hookguard.domain.idempotency;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A thread-safe in-memory {@link WebhookEventStore} for fast tests; every operation holds one lock. */
public final class InMemoryWebhookEventStore implements WebhookEventStore {

    private record Key(WebhookType type, WebhookId id) {
    }

    private final Map<Key, WebhookEvent> rows = new HashMap<>();
    private volatile boolean available = true;

    /** Makes every call fail as an unreachable store would, until set back. */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    @Override
    public synchronized ClaimOutcome claim(ClaimRequest request) {
        requireAvailable();
        Delivery delivery = request.delivery();
        Key key = new Key(delivery.type(), delivery.id());
        WebhookEvent row = rows.get(key);
        if (row == null) {
            return claimed(key, newRow(request, 1));
        }
        boolean windowPassed = row.status() == EventStatus.COMPLETED
                && !row.completedAt().isAfter(request.windowStart());
        if (windowPassed) {
            return claimed(key, newRow(request, row.attempts() + 1));
        }
        if (!row.fingerprint().equals(delivery.fingerprint())) {
            return new ClaimOutcome.Mismatch(row.fingerprint());
        }
        return switch (row.status()) {
            case COMPLETED -> new ClaimOutcome.Duplicate(row.response(), row.completedAt());
            case PROCESSING -> row.lockedUntil().isAfter(request.now())
                    ? new ClaimOutcome.InFlight(row.lockedUntil())
                    : claimed(key, retry(row, request));
            case FAILED -> claimed(key, retry(row, request));
        };
    }

    @Override
    public synchronized boolean complete(Claim claim, String response, Instant now) {
        requireAvailable();
        return update(claim, row -> new WebhookEvent(row.type(), row.webhookId(), EventStatus.COMPLETED,
                row.fingerprint(), row.adwId(), row.issueNumber(), row.receivedAt(), null, now, row.attempts(),
                response, row.lastError()));
    }

    @Override
    public synchronized boolean fail(Claim claim, String error, Instant now) {
        requireAvailable();
        return update(claim, row -> new WebhookEvent(row.type(), row.webhookId(), EventStatus.FAILED,
                row.fingerprint(), row.adwId(), row.issueNumber(), row.receivedAt(), null, null, row.attempts(),
                null, error));
    }

    @Override
    public synchronized Optional<WebhookEvent> find(WebhookType type, WebhookId webhookId) {
        requireAvailable();
        return Optional.ofNullable(rows.get(new Key(type, webhookId)));
    }

    @Override
    public synchronized List<WebhookEvent> findByWebhookId(WebhookId webhookId) {
        requireAvailable();
        return rows.values().stream()
                .filter(row -> row.webhookId().equals(webhookId))
                .sorted(Comparator.comparing(row -> row.type().value()))
                .toList();
    }

    @Override
    public synchronized List<WebhookEvent> findRecent(int limit) {
        requireAvailable();
        return rows.values().stream()
                .sorted(Comparator.comparing(WebhookEvent::receivedAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized int deleteOlderThan(Instant cutoff, int batchSize) {
        requireAvailable();
        List<Key> expired = rows.entrySet().stream()
                .filter(entry -> entry.getValue().receivedAt().isBefore(cutoff))
                .filter(entry -> entry.getValue().status() != EventStatus.PROCESSING
                        || !entry.getValue().lockedUntil().isAfter(cutoff))
                .limit(batchSize)
                .map(Map.Entry::getKey)
                .toList();
        expired.forEach(rows::remove);
        return expired.size();
    }

    @Override
    public boolean isAvailable() {
        return available;
    }

    private ClaimOutcome claimed(Key key, WebhookEvent row) {
        rows.put(key, row);
        return new ClaimOutcome.Claimed(new Claim(row.type(), row.webhookId(), row.attempts(), row.lockedUntil()));
    }

    private static WebhookEvent newRow(ClaimRequest request, int attempt) {
        Delivery delivery = request.delivery();
        return new WebhookEvent(delivery.type(), delivery.id(), EventStatus.PROCESSING, delivery.fingerprint(),
                delivery.adwId(), delivery.issueNumber(), request.now(), request.leaseUntil(), null, attempt, null,
                null);
    }

    private static WebhookEvent retry(WebhookEvent row, ClaimRequest request) {
        return new WebhookEvent(row.type(), row.webhookId(), EventStatus.PROCESSING, row.fingerprint(), row.adwId(),
                row.issueNumber(), row.receivedAt(), request.leaseUntil(), null, row.attempts() + 1, null,
                row.lastError());
    }

    private boolean update(Claim claim, java.util.function.UnaryOperator<WebhookEvent> change) {
        Key key = new Key(claim.type(), claim.webhookId());
        WebhookEvent row = rows.get(key);
        if (row == null || row.status() != EventStatus.PROCESSING || row.attempts() != claim.attempt()) {
            return false;
        }
        rows.put(key, change.apply(row));
        return true;
    }

    private void requireAvailable() {
        if (!available) {
            throw new StoreUnavailableException("in-memory store switched off", null);
        }
    }
}
