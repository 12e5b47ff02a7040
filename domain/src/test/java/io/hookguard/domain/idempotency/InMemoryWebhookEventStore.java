package io.hookguard.domain.idempotency;

import io.hookguard.domain.deliveries.DeliveryCursor;
import io.hookguard.domain.deliveries.DeliveryOutcome;
import io.hookguard.domain.deliveries.DeliveryPage;
import io.hookguard.domain.deliveries.DeliveryQuery;
import io.hookguard.domain.deliveries.DeliveryReadModel;
import io.hookguard.domain.deliveries.MinuteCount;
import io.hookguard.domain.deliveries.StoredRequest;
import io.hookguard.domain.deliveries.StoredRequests;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A thread-safe in-memory {@link WebhookEventStore}, {@link DeliveryReadModel} and {@link StoredRequests} for fast
 * tests; every operation holds one lock.
 */
public final class InMemoryWebhookEventStore implements WebhookEventStore, DeliveryReadModel, StoredRequests {

    private record Key(WebhookType type, WebhookId id) {
    }

    private final Map<Key, WebhookEvent> rows = new HashMap<>();
    /** The order of first insertion, like the relational store's identity column. */
    private final Map<Key, Long> sequences = new HashMap<>();
    /** The request each row was last claimed with, kept apart as the relational store reads it on demand. */
    private final Map<Key, StoredRequest> requests = new HashMap<>();
    private long nextSequence = 1;
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
            return claimed(key, newRow(request, 1), delivery);
        }
        boolean windowPassed = row.status() == EventStatus.COMPLETED
                && !row.completedAt().isAfter(request.windowStart());
        if (windowPassed) {
            return claimed(key, newRow(request, row.attempts() + 1), delivery);
        }
        if (!row.fingerprint().equals(delivery.fingerprint())) {
            return new ClaimOutcome.Mismatch(row.fingerprint());
        }
        return switch (row.status()) {
            case COMPLETED -> new ClaimOutcome.Duplicate(row.response(), row.completedAt());
            case PROCESSING -> row.lockedUntil().isAfter(request.now())
                    ? new ClaimOutcome.InFlight(row.lockedUntil())
                    : claimed(key, retry(row, request), delivery);
            case FAILED -> claimed(key, retry(row, request), delivery);
        };
    }

    @Override
    public synchronized boolean complete(Claim claim, String response, Instant now) {
        requireAvailable();
        return update(claim, row -> new WebhookEvent(row.type(), row.webhookId(), EventStatus.COMPLETED,
                row.fingerprint(), row.adwId(), row.issueNumber(), row.receivedAt(), null, now, row.attempts(),
                response, row.lastError(), row.eventType()));
    }

    @Override
    public synchronized boolean fail(Claim claim, String error, Instant now) {
        requireAvailable();
        return update(claim, row -> new WebhookEvent(row.type(), row.webhookId(), EventStatus.FAILED,
                row.fingerprint(), row.adwId(), row.issueNumber(), row.receivedAt(), null, null, row.attempts(),
                null, error, row.eventType()));
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
        expired.forEach(sequences::remove);
        expired.forEach(requests::remove);
        return expired.size();
    }

    @Override
    public boolean isAvailable() {
        return available;
    }

    @Override
    public synchronized Optional<StoredRequest> findRequest(WebhookType source, WebhookId key) {
        requireAvailable();
        return Optional.ofNullable(requests.get(new Key(source, key)));
    }

    private ClaimOutcome claimed(Key key, WebhookEvent row, Delivery delivery) {
        rows.put(key, row);
        delivery.received().map(StoredRequest::of).ifPresentOrElse(
                request -> requests.put(key, request), () -> requests.remove(key));
        sequences.computeIfAbsent(key, ignored -> nextSequence++);
        return new ClaimOutcome.Claimed(new Claim(row.type(), row.webhookId(), row.attempts(), row.lockedUntil()));
    }

    private static WebhookEvent newRow(ClaimRequest request, int attempt) {
        Delivery delivery = request.delivery();
        return new WebhookEvent(delivery.type(), delivery.id(), EventStatus.PROCESSING, delivery.fingerprint(),
                delivery.adwId(), delivery.issueNumber(), request.now(), request.leaseUntil(), null, attempt, null,
                null, eventTypeOf(delivery));
    }

    private static WebhookEvent retry(WebhookEvent row, ClaimRequest request) {
        return new WebhookEvent(row.type(), row.webhookId(), EventStatus.PROCESSING, row.fingerprint(), row.adwId(),
                row.issueNumber(), row.receivedAt(), request.leaseUntil(), null, row.attempts() + 1, null,
                row.lastError(), eventTypeOf(request.delivery()));
    }

    private static String eventTypeOf(Delivery delivery) {
        return delivery.received().map(ReceivedRequest::eventType).orElse(null);
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

    @Override
    public synchronized DeliveryPage page(DeliveryQuery query) {
        requireAvailable();
        Comparator<Map.Entry<Key, WebhookEvent>> newestFirst = Comparator
                .comparing((Map.Entry<Key, WebhookEvent> entry) -> cursorOf(entry).receivedAt())
                .thenComparing(entry -> cursorOf(entry).sequence())
                .reversed();
        List<Map.Entry<Key, WebhookEvent>> matching = rows.entrySet().stream()
                .filter(entry -> query.source().map(entry.getKey().type()::equals).orElse(true))
                .filter(entry -> query.outcome().map(outcome -> outcome.status() == entry.getValue().status())
                        .orElse(true))
                .filter(entry -> query.keyContains().map(entry.getKey().id().value()::contains).orElse(true))
                .filter(entry -> query.before().map(cursor -> isBefore(cursorOf(entry), cursor)).orElse(true))
                .sorted(newestFirst)
                .limit(query.limit() + 1L)
                .toList();
        List<Map.Entry<Key, WebhookEvent>> page = matching.subList(0, Math.min(query.limit(), matching.size()));
        Optional<DeliveryCursor> next = matching.size() > query.limit()
                ? Optional.of(cursorOf(page.get(page.size() - 1)))
                : Optional.empty();
        return new DeliveryPage(page.stream().map(Map.Entry::getValue).toList(), next);
    }

    @Override
    public synchronized List<MinuteCount> perMinute(Instant from, Instant to) {
        requireAvailable();
        Map<Instant, Map<DeliveryOutcome, Long>> counts = new TreeMap<>();
        for (WebhookEvent row : rows.values()) {
            if (!row.receivedAt().isBefore(from) && row.receivedAt().isBefore(to)) {
                counts.computeIfAbsent(row.receivedAt().truncatedTo(ChronoUnit.MINUTES), ignored -> new TreeMap<>())
                        .merge(DeliveryOutcome.of(row.status()), 1L, Long::sum);
            }
        }
        return counts.entrySet().stream()
                .flatMap(minute -> minute.getValue().entrySet().stream()
                        .map(count -> new MinuteCount(minute.getKey(), count.getKey(), count.getValue())))
                .toList();
    }

    private DeliveryCursor cursorOf(Map.Entry<Key, WebhookEvent> entry) {
        return new DeliveryCursor(entry.getValue().receivedAt(), sequences.get(entry.getKey()));
    }

    private static boolean isBefore(DeliveryCursor row, DeliveryCursor cursor) {
        int byTime = row.receivedAt().compareTo(cursor.receivedAt());
        return byTime < 0 || (byTime == 0 && row.sequence() < cursor.sequence());
    }

    private void requireAvailable() {
        if (!available) {
            throw new StoreUnavailableException("in-memory store switched off", null);
        }
    }
}
