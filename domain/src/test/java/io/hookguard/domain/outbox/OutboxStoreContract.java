package io.hookguard.domain.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every outbox store passes, both sides: what the unit of work appends, the dispatcher leases and
 * settles following {@link LeaseRule}, operators read and redeliver, retention removes. An adapter's test returns
 * the ports of one store over an empty schema.
 */
public abstract class OutboxStoreContract {

    protected static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    protected static final DestinationName BACKEND = new DestinationName("backend");
    protected static final DestinationName WORKERS = new DestinationName("workers");
    private static final Duration LEASE = Duration.ofSeconds(60);

    protected OutboxStores stores;
    private int written;

    protected abstract OutboxStores newStores();

    @BeforeEach
    void createStores() {
        stores = newStores();
    }

    /** A message to {@code destination}, written {@code written} seconds after NOW in the order of the calls. */
    protected OutboundMessage message(DestinationName destination, String orderingKey) {
        written++;
        return new OutboundMessage(MessageId.random(), destination, orderingKey, "github", "delivery-" + written,
                "push", "application/json", ("{\"n\":" + written + ",\"text\":\"ünïcode ✓\"}")
                        .getBytes(StandardCharsets.UTF_8), NOW.plusMillis(written));
    }

    private OutboundMessage appended(DestinationName destination, String orderingKey) {
        OutboundMessage message = message(destination, orderingKey);
        stores.outbox().append(List.of(message));
        return message;
    }

    private List<LeasedMessage> lease(DestinationName destination, Instant at, int limit) {
        return stores.queue().lease(destination, at, at.plus(LEASE), limit);
    }

    private static List<MessageId> ids(List<LeasedMessage> leased) {
        return leased.stream().map(LeasedMessage::id).toList();
    }

    private static Attempt attempt(Instant at, AttemptResult result) {
        return Attempt.of(at, Duration.ofMillis(42), result);
    }

    private MessageView view(OutboundMessage message) {
        return stores.inspection().find(message.id()).orElseThrow();
    }

    @Test
    void appendedMessageIsLeasedWithItsContentExactly() {
        OutboundMessage written = new OutboundMessage(MessageId.random(), BACKEND, null, "stripe", "evt_1", null,
                "application/octet-stream", new byte[] {0, 1, (byte) 0xff, 0x7f, '\n'}, NOW);
        stores.outbox().append(List.of(written));

        List<LeasedMessage> leased = lease(BACKEND, NOW, 10);

        assertThat(leased).hasSize(1);
        LeasedMessage only = leased.get(0);
        assertThat(only.message()).usingRecursiveComparison().isEqualTo(written);
        assertThat(only.attempts()).isZero();
        assertThat(only.failures()).isZero();
        assertThat(only.leasedUntil()).isEqualTo(NOW.plus(LEASE));
    }

    @Test
    void messagesAppendedTogetherAreAllLeasable() {
        OutboundMessage first = message(BACKEND, null);
        OutboundMessage second = message(WORKERS, null);
        stores.outbox().append(List.of(first, second));

        assertThat(ids(lease(BACKEND, NOW.plusSeconds(1), 10))).containsExactly(first.id());
        assertThat(ids(lease(WORKERS, NOW.plusSeconds(1), 10))).containsExactly(second.id());
    }

    @Test
    void messageIsNotLeasedBeforeItWasWritten() {
        appended(BACKEND, null);

        assertThat(lease(BACKEND, NOW.minusSeconds(1), 10)).isEmpty();
    }

    @Test
    void leasedMessageIsNotLeasedAgainUntilItsLeaseEnds() {
        OutboundMessage message = appended(BACKEND, null);
        lease(BACKEND, NOW.plusSeconds(1), 10);

        assertThat(lease(BACKEND, NOW.plusSeconds(2), 10)).isEmpty();
        assertThat(lease(BACKEND, NOW.plusSeconds(1).plus(LEASE).minusMillis(1), 10)).isEmpty();
        assertThat(ids(lease(BACKEND, NOW.plusSeconds(1).plus(LEASE), 10))).containsExactly(message.id());
    }

    @Test
    void leaseTakesAtMostTheLimitTheLongestDueFirst() {
        OutboundMessage first = appended(BACKEND, null);
        OutboundMessage second = appended(BACKEND, null);
        appended(BACKEND, null);

        assertThat(ids(lease(BACKEND, NOW.plusSeconds(1), 2))).containsExactly(first.id(), second.id());
    }

    @Test
    void laterMessageOfAnOrderingKeyWaitsWhileTheEarlierIsPending() {
        OutboundMessage first = appended(BACKEND, "issue-42");
        OutboundMessage second = appended(BACKEND, "issue-42");
        OutboundMessage other = appended(BACKEND, "issue-7");
        OutboundMessage unordered = appended(BACKEND, null);

        List<LeasedMessage> leased = lease(BACKEND, NOW.plusSeconds(1), 10);
        assertThat(ids(leased)).containsExactly(first.id(), other.id(), unordered.id());

        LeasedMessage firstLease = leased.get(0);
        Instant failedAt = NOW.plusSeconds(2);
        assertThat(stores.queue().settle(firstLease, attempt(failedAt, ScriptedDestination.failed(500)),
                new Settlement.Retry(failedAt.plusSeconds(5)))).isTrue();

        assertThat(lease(BACKEND, NOW.plusSeconds(3), 10)).as("the later one waits for the earlier's retry")
                .isEmpty();
        List<LeasedMessage> retry = lease(BACKEND, failedAt.plusSeconds(5), 10);
        assertThat(ids(retry)).containsExactly(first.id());

        stores.queue().settle(retry.get(0), attempt(failedAt.plusSeconds(5), ScriptedDestination.delivered()),
                new Settlement.Delivered(failedAt.plusSeconds(5)));
        assertThat(ids(lease(BACKEND, failedAt.plusSeconds(6), 10))).containsExactly(second.id());
    }

    @Test
    void deadEarlierMessageNoLongerHoldsBackTheLaterOne() {
        appended(BACKEND, "issue-42");
        OutboundMessage second = appended(BACKEND, "issue-42");
        LeasedMessage first = lease(BACKEND, NOW.plusSeconds(1), 10).get(0);

        stores.queue().settle(first, attempt(NOW.plusSeconds(1), ScriptedDestination.refused()),
                new Settlement.Dead(NOW.plusSeconds(1)));

        assertThat(ids(lease(BACKEND, NOW.plusSeconds(2), 10))).containsExactly(second.id());
    }

    @Test
    void orderingIsPerDestination() {
        appended(BACKEND, "issue-42");
        OutboundMessage toWorkers = appended(WORKERS, "issue-42");

        assertThat(ids(lease(WORKERS, NOW.plusSeconds(1), 10))).containsExactly(toWorkers.id());
    }

    @Test
    void deliveredAttemptIsRecordedWithTheMessage() {
        OutboundMessage message = appended(BACKEND, null);
        LeasedMessage leased = lease(BACKEND, NOW.plusSeconds(1), 1).get(0);
        Attempt attempt = new Attempt(NOW.plusSeconds(1), 204, Duration.ofMillis(42), Attempt.Outcome.DELIVERED,
                "");

        assertThat(stores.queue().settle(leased, attempt, new Settlement.Delivered(NOW.plusSeconds(2)))).isTrue();

        MessageView view = view(message);
        assertThat(view.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(view.attemptCount()).isEqualTo(1);
        assertThat(view.deliveredAt()).isEqualTo(NOW.plusSeconds(2));
        assertThat(view.nextAttemptAt()).isNull();
        assertThat(view.lastError()).isNull();
        assertThat(view.attempts()).containsExactly(attempt);
        assertThat(lease(BACKEND, NOW.plus(LEASE).plusSeconds(5), 10)).isEmpty();
    }

    @Test
    void failedAttemptMakesTheMessageDueAtItsRetryTime() {
        OutboundMessage message = appended(BACKEND, null);
        LeasedMessage leased = lease(BACKEND, NOW.plusSeconds(1), 1).get(0);
        Attempt attempt = new Attempt(NOW.plusSeconds(1), null, Duration.ofSeconds(15), Attempt.Outcome.FAILED,
                "connect timed out");

        stores.queue().settle(leased, attempt, new Settlement.Retry(NOW.plusSeconds(30)));

        MessageView view = view(message);
        assertThat(view.status()).isEqualTo(MessageStatus.PENDING);
        assertThat(view.nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(view.lastError()).isEqualTo("connect timed out");
        assertThat(lease(BACKEND, NOW.plusSeconds(29), 10)).isEmpty();
        LeasedMessage again = lease(BACKEND, NOW.plusSeconds(30), 10).get(0);
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(again.failures()).isEqualTo(1);
    }

    @Test
    void deadMessageIsNotLeasedAgain() {
        OutboundMessage message = appended(BACKEND, null);
        LeasedMessage leased = lease(BACKEND, NOW.plusSeconds(1), 1).get(0);

        stores.queue().settle(leased, attempt(NOW.plusSeconds(1), ScriptedDestination.refused()),
                new Settlement.Dead(NOW.plusSeconds(1)));

        assertThat(view(message).status()).isEqualTo(MessageStatus.DEAD);
        assertThat(view(message).lastError()).isEqualTo("gone");
        assertThat(lease(BACKEND, NOW.plus(Duration.ofDays(1)), 10)).isEmpty();
    }

    @Test
    void settlingALostLeaseChangesNothing() {
        OutboundMessage message = appended(BACKEND, null);
        LeasedMessage expired = lease(BACKEND, NOW.plusSeconds(1), 1).get(0);
        LeasedMessage current = lease(BACKEND, NOW.plusSeconds(1).plus(LEASE), 1).get(0);

        assertThat(stores.queue().settle(expired, attempt(NOW.plusSeconds(61), ScriptedDestination.delivered()),
                new Settlement.Delivered(NOW.plusSeconds(62)))).isFalse();
        assertThat(view(message).status()).isEqualTo(MessageStatus.PENDING);
        assertThat(view(message).attempts()).isEmpty();

        assertThat(stores.queue().settle(current, attempt(NOW.plusSeconds(63), ScriptedDestination.delivered()),
                new Settlement.Delivered(NOW.plusSeconds(63)))).isTrue();
        assertThat(view(message).status()).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void batchIsSettledEachMessageAsItsSettlementSaysAndALostLeaseIsLeftOut() {
        OutboundMessage taken = appended(BACKEND, null);
        OutboundMessage delivered = appended(BACKEND, "issue-1");
        OutboundMessage retried = appended(BACKEND, "issue-2");
        OutboundMessage dead = appended(BACKEND, null);
        LeasedMessage expired = lease(BACKEND, NOW.plusSeconds(1), 1).get(0);
        Instant later = NOW.plusSeconds(1).plus(LEASE);
        LeasedMessage takenOver = lease(BACKEND, later, 1).get(0);
        List<LeasedMessage> leased = lease(BACKEND, later, 10);
        assertThat(List.of(expired.id(), takenOver.id())).containsOnly(taken.id());
        assertThat(ids(leased)).containsExactly(delivered.id(), retried.id(), dead.id());
        Instant at = later.plusSeconds(1);
        Attempt ok = new Attempt(at, 200, Duration.ofMillis(5), Attempt.Outcome.DELIVERED, "fine");
        Attempt busy = new Attempt(at, 503, Duration.ofMillis(6), Attempt.Outcome.FAILED, "busy");
        Attempt gone = new Attempt(at, 410, Duration.ofMillis(7), Attempt.Outcome.REFUSED, "gone");
        Attempt none = new Attempt(at, null, Duration.ofMillis(8), Attempt.Outcome.FAILED, "timed out");

        Set<MessageId> settled = stores.queue().settle(List.of(
                new Settling(leased.get(0), ok, new Settlement.Delivered(at)),
                new Settling(leased.get(1), busy, new Settlement.Retry(at.plusSeconds(30))),
                new Settling(leased.get(2), gone, new Settlement.Dead(at)),
                new Settling(expired, none, new Settlement.Retry(at.plusSeconds(30)))));

        assertThat(settled).containsExactlyInAnyOrder(delivered.id(), retried.id(), dead.id());
        assertThat(view(delivered).status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(view(delivered).deliveredAt()).isEqualTo(at);
        assertThat(view(delivered).attempts()).containsExactly(ok);
        assertThat(view(retried).status()).isEqualTo(MessageStatus.PENDING);
        assertThat(view(retried).nextAttemptAt()).isEqualTo(at.plusSeconds(30));
        assertThat(view(retried).lastError()).isEqualTo("busy");
        assertThat(view(retried).attempts()).containsExactly(busy);
        assertThat(view(dead).status()).isEqualTo(MessageStatus.DEAD);
        assertThat(view(dead).attempts()).containsExactly(gone);
        assertThat(view(taken).attempts()).as("the lost lease settles nothing").isEmpty();
        assertThat(stores.queue().settle(takenOver, none, new Settlement.Retry(at.plusSeconds(60))))
                .as("the new holder settles it").isTrue();
        List<LeasedMessage> again = lease(BACKEND, at.plusSeconds(30), 10);
        assertThat(ids(again)).containsExactly(retried.id());
        assertThat(again.get(0).failures()).isEqualTo(1);
        assertThat(stores.queue().settle(List.of())).isEmpty();
    }

    @Test
    void releasedLeaseMakesTheMessageDueAtOnce() {
        OutboundMessage message = appended(BACKEND, null);
        LeasedMessage leased = lease(BACKEND, NOW.plusSeconds(1), 1).get(0);

        stores.queue().release(leased);

        assertThat(ids(lease(BACKEND, NOW.plusSeconds(2), 1))).containsExactly(message.id());
    }

    @Test
    void nextWakeUpIsWhenTheFirstUnblockedMessageIsFree() {
        assertThat(stores.queue().nextWakeUp(BACKEND)).isEmpty();
        OutboundMessage first = appended(BACKEND, "issue-42");
        appended(BACKEND, "issue-42");
        assertThat(stores.queue().nextWakeUp(BACKEND)).contains(first.createdAt());

        LeasedMessage leased = lease(BACKEND, NOW.plusSeconds(1), 10).get(0);
        assertThat(stores.queue().nextWakeUp(BACKEND)).as("the later message is blocked, not due")
                .contains(NOW.plusSeconds(1).plus(LEASE));

        stores.queue().settle(leased, attempt(NOW.plusSeconds(2), ScriptedDestination.failed(503)),
                new Settlement.Retry(NOW.plusSeconds(90)));
        assertThat(stores.queue().nextWakeUp(BACKEND)).contains(NOW.plusSeconds(90));
        assertThat(stores.queue().nextWakeUp(WORKERS)).isEmpty();
    }

    @Test
    void redeliveryMakesADeliveredMessagePendingAndDueNow() {
        OutboundMessage message = appended(BACKEND, null);
        LeasedMessage leased = lease(BACKEND, NOW.plusSeconds(1), 1).get(0);
        stores.queue().settle(leased, attempt(NOW.plusSeconds(1), ScriptedDestination.delivered()),
                new Settlement.Delivered(NOW.plusSeconds(1)));

        assertThat(stores.redelivery().redeliver(message.id(), NOW.plusSeconds(10))).isTrue();

        assertThat(view(message).status()).isEqualTo(MessageStatus.PENDING);
        LeasedMessage again = lease(BACKEND, NOW.plusSeconds(10), 1).get(0);
        assertThat(again.id()).isEqualTo(message.id());
        assertThat(again.attempts()).isEqualTo(1);
    }

    @Test
    void redeliveryStartsTheRetryScheduleAgain() {
        OutboundMessage message = appended(BACKEND, null);
        LeasedMessage leased = lease(BACKEND, NOW.plusSeconds(1), 1).get(0);
        stores.queue().settle(leased, attempt(NOW.plusSeconds(1), ScriptedDestination.failed(500)),
                new Settlement.Dead(NOW.plusSeconds(1)));

        stores.redelivery().redeliver(message.id(), NOW.plusSeconds(10));

        assertThat(lease(BACKEND, NOW.plusSeconds(10), 1).get(0).failures()).isZero();
    }

    @Test
    void redeliveryOfAnUnknownMessageIsRefused() {
        assertThat(stores.redelivery().redeliver(MessageId.random(), NOW)).isFalse();
    }

    @Test
    void bulkRedeliveryRevivesTheDeadOfOneDestinationOnly() {
        OutboundMessage deadOne = appended(BACKEND, null);
        OutboundMessage deadTwo = appended(BACKEND, null);
        OutboundMessage pending = appended(BACKEND, null);
        OutboundMessage deadElsewhere = appended(WORKERS, null);
        for (LeasedMessage leased : lease(BACKEND, NOW.plusSeconds(1), 2)) {
            stores.queue().settle(leased, attempt(NOW.plusSeconds(1), ScriptedDestination.refused()),
                    new Settlement.Dead(NOW.plusSeconds(1)));
        }
        LeasedMessage elsewhere = lease(WORKERS, NOW.plusSeconds(1), 1).get(0);
        stores.queue().settle(elsewhere, attempt(NOW.plusSeconds(1), ScriptedDestination.refused()),
                new Settlement.Dead(NOW.plusSeconds(1)));

        assertThat(stores.redelivery().redeliverDead(BACKEND, NOW.plusSeconds(5))).isEqualTo(2);

        assertThat(view(deadOne).status()).isEqualTo(MessageStatus.PENDING);
        assertThat(view(deadTwo).status()).isEqualTo(MessageStatus.PENDING);
        assertThat(view(pending).status()).isEqualTo(MessageStatus.PENDING);
        assertThat(view(deadElsewhere).status()).isEqualTo(MessageStatus.DEAD);
        assertThat(ids(lease(BACKEND, NOW.plusSeconds(5), 10)))
                .containsExactlyInAnyOrder(deadOne.id(), deadTwo.id(), pending.id());
    }

    @Test
    void listIsNewestFirstAndFiltered() {
        OutboundMessage first = appended(BACKEND, null);
        OutboundMessage second = appended(BACKEND, null);
        OutboundMessage third = appended(WORKERS, null);
        LeasedMessage leased = lease(BACKEND, NOW.plusSeconds(1), 1).get(0);
        stores.queue().settle(leased, attempt(NOW.plusSeconds(1), ScriptedDestination.delivered()),
                new Settlement.Delivered(NOW.plusSeconds(1)));

        assertThat(stores.inspection().list(new MessageQuery(null, null, 10))).extracting(MessageView::id)
                .containsExactly(third.id(), second.id(), first.id());
        assertThat(stores.inspection().list(new MessageQuery(null, null, 2))).extracting(MessageView::id)
                .containsExactly(third.id(), second.id());
        assertThat(stores.inspection().list(new MessageQuery(BACKEND, null, 10))).extracting(MessageView::id)
                .containsExactly(second.id(), first.id());
        assertThat(stores.inspection().list(new MessageQuery(BACKEND, MessageStatus.DELIVERED, 10)))
                .extracting(MessageView::id).containsExactly(first.id());
        assertThat(stores.inspection().list(new MessageQuery(null, MessageStatus.DEAD, 10))).isEmpty();
        assertThat(stores.inspection().list(new MessageQuery(null, MessageStatus.DELIVERED, 10)).get(0)
                .attemptCount()).isEqualTo(1);
    }

    @Test
    void foundMessageCarriesItsAttemptsOldestFirst() {
        OutboundMessage message = appended(BACKEND, null);
        Attempt failed = new Attempt(NOW.plusSeconds(1), 503, Duration.ofMillis(7), Attempt.Outcome.FAILED,
                "unavailable");
        Attempt delivered = new Attempt(NOW.plusSeconds(20), 200, Duration.ofMillis(9), Attempt.Outcome.DELIVERED,
                "{\"ok\":true}");
        stores.queue().settle(lease(BACKEND, NOW.plusSeconds(1), 1).get(0), failed,
                new Settlement.Retry(NOW.plusSeconds(20)));
        stores.queue().settle(lease(BACKEND, NOW.plusSeconds(20), 1).get(0), delivered,
                new Settlement.Delivered(NOW.plusSeconds(20)));

        MessageView view = view(message);

        assertThat(view.message()).usingRecursiveComparison().isEqualTo(message);
        assertThat(view.attempts()).containsExactly(failed, delivered);
        assertThat(view.attemptCount()).isEqualTo(2);
        assertThat(stores.inspection().find(MessageId.random())).isEmpty();
    }

    /** A message of the delivery {@code (source, key)} to {@code destination}. */
    private OutboundMessage appendedFor(String source, String key, DestinationName destination) {
        OutboundMessage template = message(destination, null);
        OutboundMessage message = new OutboundMessage(template.id(), destination, null, source, key, "push",
                template.contentType(), template.body(), template.createdAt());
        stores.outbox().append(List.of(message));
        return message;
    }

    @Test
    void messagesOfADeliveryAreFoundByItsSourceAndKeyWithTheirAttempts() {
        OutboundMessage toBackend = appendedFor("github", "d-1", BACKEND);
        OutboundMessage toWorkers = appendedFor("github", "d-1", WORKERS);
        appendedFor("github", "d-2", BACKEND);
        appendedFor("stripe", "d-1", BACKEND);
        Attempt failed = new Attempt(NOW.plusSeconds(1), 503, Duration.ofMillis(7), Attempt.Outcome.FAILED,
                "unavailable");
        stores.queue().settle(lease(WORKERS, NOW.plusSeconds(1), 1).get(0), failed,
                new Settlement.Retry(NOW.plusSeconds(20)));

        List<MessageView> found = stores.inspection().forOrigin(new MessageOrigin("github", "d-1"));

        assertThat(found).extracting(MessageView::id).containsExactly(toBackend.id(), toWorkers.id());
        assertThat(found.get(0).attempts()).isEmpty();
        assertThat(found.get(1).attempts()).containsExactly(failed);
        assertThat(found.get(1).message()).usingRecursiveComparison().isEqualTo(toWorkers);
        assertThat(stores.inspection().forOrigin(new MessageOrigin("github", "d-3"))).isEmpty();
    }

    @Test
    void countsByOriginAreByDeliveryAndStateForTheAskedDeliveriesOnly() {
        appendedFor("github", "d-1", BACKEND);
        appendedFor("github", "d-1", WORKERS);
        appendedFor("github", "d-2", BACKEND);
        appendedFor("stripe", "d-1", BACKEND);
        stores.queue().settle(lease(WORKERS, NOW.plusSeconds(1), 1).get(0),
                attempt(NOW.plusSeconds(1), ScriptedDestination.delivered()),
                new Settlement.Delivered(NOW.plusSeconds(1)));
        MessageOrigin first = new MessageOrigin("github", "d-1");
        MessageOrigin other = new MessageOrigin("stripe", "d-1");

        assertThat(stores.inspection().countsByOrigin(List.of(first, other, new MessageOrigin("github", "none"))))
                .containsExactlyInAnyOrder(
                        new OriginCount(first, MessageStatus.PENDING, 1),
                        new OriginCount(first, MessageStatus.DELIVERED, 1),
                        new OriginCount(other, MessageStatus.PENDING, 1));
        assertThat(stores.inspection().countsByOrigin(List.of())).isEmpty();
    }

    @Test
    void countsAndOldestPendingAreByDestination() {
        appended(BACKEND, null);
        OutboundMessage pendingBackend = appended(BACKEND, null);
        OutboundMessage workers = appended(WORKERS, null);
        stores.queue().settle(lease(BACKEND, NOW.plusSeconds(1), 1).get(0),
                attempt(NOW.plusSeconds(1), ScriptedDestination.delivered()),
                new Settlement.Delivered(NOW.plusSeconds(1)));

        assertThat(stores.inspection().counts()).containsExactlyInAnyOrder(
                new OutboxCount(BACKEND, MessageStatus.DELIVERED, 1),
                new OutboxCount(BACKEND, MessageStatus.PENDING, 1),
                new OutboxCount(WORKERS, MessageStatus.PENDING, 1));
        assertThat(stores.inspection().oldestPending()).containsOnlyKeys(BACKEND, WORKERS)
                .containsEntry(WORKERS, workers.createdAt())
                .containsEntry(BACKEND, pendingBackend.createdAt());
    }

    @Test
    void retentionDeletesOldFinishedMessagesButNeverPendingOnes() {
        OutboundMessage delivered = appended(BACKEND, null);
        OutboundMessage dead = appended(BACKEND, null);
        OutboundMessage pending = appended(BACKEND, null);
        OutboundMessage recent = appended(WORKERS, null);
        List<LeasedMessage> leased = lease(BACKEND, NOW.plusSeconds(1), 2);
        stores.queue().settle(leased.get(0), attempt(NOW.plusSeconds(1), ScriptedDestination.delivered()),
                new Settlement.Delivered(NOW.plusSeconds(1)));
        stores.queue().settle(leased.get(1), attempt(NOW.plusSeconds(1), ScriptedDestination.refused()),
                new Settlement.Dead(NOW.plusSeconds(1)));
        stores.queue().settle(lease(WORKERS, NOW.plusSeconds(1), 1).get(0),
                attempt(NOW.plusSeconds(1), ScriptedDestination.delivered()),
                new Settlement.Delivered(NOW.plusSeconds(1)));

        assertThat(stores.retention().deleteFinishedBefore(recent.createdAt(), 1)).isEqualTo(1);
        assertThat(stores.retention().deleteFinishedBefore(recent.createdAt(), 100)).isEqualTo(1);

        assertThat(stores.inspection().find(delivered.id())).isEmpty();
        assertThat(stores.inspection().find(dead.id())).isEmpty();
        assertThat(stores.inspection().find(pending.id())).isPresent();
        assertThat(stores.inspection().find(recent.id())).isPresent();
        assertThat(stores.retention().deleteFinishedBefore(NOW.plus(Duration.ofDays(30)), 100)).isEqualTo(1);
        assertThat(stores.inspection().find(pending.id())).isPresent();
    }

    @Test
    void concurrentLeasesNeverShareAMessage() throws Exception {
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            messages.add(message(BACKEND, null));
        }
        stores.outbox().append(messages);
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<MessageId>>> workers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                workers.add(threads.submit(() -> {
                    start.await();
                    List<MessageId> got = new ArrayList<>();
                    List<LeasedMessage> batch;
                    while (!(batch = lease(BACKEND, NOW.plusSeconds(1), 7)).isEmpty()) {
                        got.addAll(ids(batch));
                    }
                    return got;
                }));
            }
            start.countDown();
            List<MessageId> all = Collections.synchronizedList(new ArrayList<>());
            for (Future<List<MessageId>> worker : workers) {
                all.addAll(worker.get(60, TimeUnit.SECONDS));
            }
            Set<MessageId> distinct = new HashSet<>(all);
            assertThat(all).hasSize(120);
            assertThat(distinct).hasSize(120);
        } finally {
            threads.shutdownNow();
        }
    }
}
