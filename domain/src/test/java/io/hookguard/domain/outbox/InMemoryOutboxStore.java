package io.hookguard.domain.outbox;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** A thread-safe in-memory outbox, both sides, following {@link LeaseRule}: for fast tests. */
public final class InMemoryOutboxStore implements Outbox, OutboxQueue, OutboxInspection, OutboxRedelivery,
        OutboxRetention {

    private static final class Row {
        final OutboundMessage message;
        final long sequence;
        MessageStatus status = MessageStatus.PENDING;
        int attempts;
        int failures;
        Instant nextAttemptAt;
        Instant lockedUntil;
        Instant deliveredAt;
        String lastError;
        final List<Attempt> history = new ArrayList<>();

        Row(OutboundMessage message, long sequence) {
            this.message = message;
            this.sequence = sequence;
            this.nextAttemptAt = message.createdAt();
        }

        QueueEntry entry() {
            return new QueueEntry(message.id(), sequence, message.orderingKey(), status, nextAttemptAt, lockedUntil);
        }

        MessageView view(boolean withAttempts) {
            return new MessageView(message, status, attempts,
                    status == MessageStatus.PENDING ? nextAttemptAt : null, deliveredAt, lastError,
                    withAttempts ? history : List.of());
        }
    }

    private final Map<MessageId, Row> rows = new LinkedHashMap<>();
    private long sequence;

    /** Every message with its current state, in the order written: for assertions. */
    public synchronized List<MessageView> all() {
        return rows.values().stream().map(row -> row.view(true)).toList();
    }

    @Override
    public synchronized void append(List<OutboundMessage> messages) {
        for (OutboundMessage message : messages) {
            if (rows.containsKey(message.id())) {
                throw new IllegalStateException("message " + message.id() + " was appended before");
            }
        }
        for (OutboundMessage message : messages) {
            rows.put(message.id(), new Row(message, ++sequence));
        }
    }

    @Override
    public synchronized List<LeasedMessage> lease(DestinationName destination, Instant now, Instant leaseUntil,
            int limit) {
        Map<MessageId, Row> ofDestination = new HashMap<>();
        rows.values().stream()
                .filter(row -> row.message.destination().equals(destination))
                .forEach(row -> ofDestination.put(row.message.id(), row));
        List<LeasedMessage> leased = new ArrayList<>();
        for (QueueEntry entry : LeaseRule.leasable(
                ofDestination.values().stream().map(Row::entry).toList(), now, limit)) {
            Row row = ofDestination.get(entry.id());
            row.lockedUntil = leaseUntil;
            leased.add(new LeasedMessage(row.message, row.attempts, row.failures, leaseUntil));
        }
        return leased;
    }

    @Override
    public synchronized Set<MessageId> settle(List<Settling> settlings) {
        Set<MessageId> settled = new HashSet<>();
        for (Settling settling : settlings) {
            if (settleOne(settling.leased(), settling.attempt(), settling.settlement())) {
                settled.add(settling.leased().id());
            }
        }
        return settled;
    }

    private boolean settleOne(LeasedMessage leased, Attempt attempt, Settlement settlement) {
        Row row = rows.get(leased.id());
        if (row == null || row.status != MessageStatus.PENDING
                || !Objects.equals(row.lockedUntil, leased.leasedUntil())) {
            return false;
        }
        row.history.add(attempt);
        row.attempts++;
        row.lockedUntil = null;
        if (attempt.outcome() != Attempt.Outcome.DELIVERED) {
            row.lastError = attempt.detail();
        }
        if (settlement instanceof Settlement.Delivered delivered) {
            row.status = MessageStatus.DELIVERED;
            row.deliveredAt = delivered.at();
            row.failures = 0;
        } else if (settlement instanceof Settlement.Retry retry) {
            row.failures++;
            row.nextAttemptAt = retry.at();
        } else {
            row.failures++;
            row.status = MessageStatus.DEAD;
        }
        return true;
    }

    @Override
    public synchronized void release(LeasedMessage leased) {
        Row row = rows.get(leased.id());
        if (row != null && Objects.equals(row.lockedUntil, leased.leasedUntil())) {
            row.lockedUntil = null;
        }
    }

    @Override
    public synchronized Optional<Instant> nextWakeUp(DestinationName destination) {
        return LeaseRule.nextWakeUp(rows.values().stream()
                .filter(row -> row.message.destination().equals(destination))
                .map(Row::entry)
                .toList());
    }

    @Override
    public synchronized List<MessageView> list(MessageQuery query) {
        List<Row> newestFirst = new ArrayList<>(rows.values());
        newestFirst.sort(Comparator.comparingLong((Row row) -> row.sequence).reversed());
        return newestFirst.stream()
                .filter(row -> query.onlyDestination().map(row.message.destination()::equals).orElse(true))
                .filter(row -> query.onlyStatus().map(status -> status == row.status).orElse(true))
                .limit(query.limit())
                .map(row -> row.view(false))
                .toList();
    }

    @Override
    public synchronized Optional<MessageView> find(MessageId id) {
        return Optional.ofNullable(rows.get(id)).map(row -> row.view(true));
    }

    @Override
    public synchronized List<MessageView> forOrigin(MessageOrigin origin) {
        return rows.values().stream()
                .filter(row -> MessageOrigin.of(row.message).equals(origin))
                .sorted(Comparator.comparingLong(row -> row.sequence))
                .map(row -> row.view(true))
                .toList();
    }

    @Override
    public synchronized List<OriginCount> countsByOrigin(Collection<MessageOrigin> origins) {
        Set<MessageOrigin> wanted = new HashSet<>(origins);
        Map<MessageOrigin, Map<MessageStatus, Long>> counted = rows.values().stream()
                .filter(row -> wanted.contains(MessageOrigin.of(row.message)))
                .collect(Collectors.groupingBy(row -> MessageOrigin.of(row.message),
                        Collectors.groupingBy(row -> row.status, Collectors.counting())));
        List<OriginCount> counts = new ArrayList<>();
        counted.forEach((origin, byStatus) -> byStatus.forEach(
                (status, count) -> counts.add(new OriginCount(origin, status, count))));
        return counts;
    }

    @Override
    public synchronized List<OutboxCount> counts() {
        Map<DestinationName, Map<MessageStatus, Long>> counted = rows.values().stream()
                .collect(Collectors.groupingBy(row -> row.message.destination(),
                        Collectors.groupingBy(row -> row.status, Collectors.counting())));
        List<OutboxCount> counts = new ArrayList<>();
        counted.forEach((destination, byStatus) -> byStatus.forEach(
                (status, count) -> counts.add(new OutboxCount(destination, status, count))));
        return counts;
    }

    @Override
    public synchronized Map<DestinationName, Instant> oldestPending() {
        Map<DestinationName, Instant> oldest = new HashMap<>();
        rows.values().stream()
                .filter(row -> row.status == MessageStatus.PENDING)
                .forEach(row -> oldest.merge(row.message.destination(), row.message.createdAt(),
                        (a, b) -> a.isBefore(b) ? a : b));
        return oldest;
    }

    @Override
    public synchronized boolean redeliver(MessageId id, Instant now) {
        Row row = rows.get(id);
        if (row == null) {
            return false;
        }
        if (row.status != MessageStatus.PENDING) {
            row.lockedUntil = null;
        }
        row.status = MessageStatus.PENDING;
        row.nextAttemptAt = now;
        row.failures = 0;
        row.deliveredAt = null;
        return true;
    }

    @Override
    public synchronized int redeliverDead(DestinationName destination, Instant now) {
        List<MessageId> dead = rows.values().stream()
                .filter(row -> row.status == MessageStatus.DEAD && row.message.destination().equals(destination))
                .map(row -> row.message.id())
                .toList();
        dead.forEach(id -> redeliver(id, now));
        return dead.size();
    }

    @Override
    public synchronized int deleteFinishedBefore(Instant cutoff, int limit) {
        List<MessageId> finished = rows.values().stream()
                .filter(row -> row.status != MessageStatus.PENDING && row.message.createdAt().isBefore(cutoff))
                .limit(limit)
                .map(row -> row.message.id())
                .toList();
        finished.forEach(rows::remove);
        return finished.size();
    }
}
