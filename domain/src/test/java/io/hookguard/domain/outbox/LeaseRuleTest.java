package io.hookguard.domain.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaseRuleTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static QueueEntry entry(long sequence, String key, MessageStatus status, Instant due, Instant locked) {
        return new QueueEntry(new MessageId("msg_" + sequence), sequence, key, status, due, locked);
    }

    private static QueueEntry pending(long sequence, String key) {
        return entry(sequence, key, MessageStatus.PENDING, NOW, null);
    }

    @Test
    void dueMeansPendingAtOrAfterItsTimeAndFreeOfLeases() {
        assertThat(LeaseRule.isDue(pending(1, null), NOW)).isTrue();
        assertThat(LeaseRule.isDue(pending(1, null), NOW.minusMillis(1))).isFalse();
        assertThat(LeaseRule.isDue(entry(1, null, MessageStatus.PENDING, NOW, NOW.plusSeconds(1)), NOW)).isFalse();
        assertThat(LeaseRule.isDue(entry(1, null, MessageStatus.PENDING, NOW, NOW), NOW)).isTrue();
        assertThat(LeaseRule.isDue(entry(1, null, MessageStatus.DEAD, NOW, null), NOW)).isFalse();
        assertThat(LeaseRule.isDue(entry(1, null, MessageStatus.DELIVERED, NOW, null), NOW)).isFalse();
    }

    @Test
    void onlyTheEarliestPendingMessageOfAKeyIsLeasable() {
        List<QueueEntry> entries = List.of(pending(3, "a"), pending(1, "a"), pending(2, "b"), pending(4, null),
                pending(5, null));

        assertThat(LeaseRule.leasable(entries, NOW, 10)).extracting(QueueEntry::sequence)
                .containsExactly(1L, 2L, 4L, 5L);
    }

    @Test
    void earlierMessageWaitingForItsRetryHoldsBackTheLaterOne() {
        List<QueueEntry> entries = List.of(entry(1, "a", MessageStatus.PENDING, NOW.plusSeconds(5), null),
                pending(2, "a"));

        assertThat(LeaseRule.leasable(entries, NOW, 10)).isEmpty();
        assertThat(LeaseRule.nextWakeUp(entries)).contains(NOW.plusSeconds(5));
    }

    @Test
    void earlierMessageInFlightHoldsBackTheLaterOneUntilItsLeaseEnds() {
        List<QueueEntry> entries = List.of(entry(1, "a", MessageStatus.PENDING, NOW, NOW.plusSeconds(45)),
                pending(2, "a"));

        assertThat(LeaseRule.leasable(entries, NOW, 10)).isEmpty();
        assertThat(LeaseRule.nextWakeUp(entries)).contains(NOW.plusSeconds(45));
    }

    @Test
    void finishedEarlierMessagesHoldNothingBack() {
        List<QueueEntry> entries = List.of(entry(1, "a", MessageStatus.DEAD, NOW, null),
                entry(2, "a", MessageStatus.DELIVERED, NOW, null), pending(3, "a"));

        assertThat(LeaseRule.leasable(entries, NOW, 10)).extracting(QueueEntry::sequence).containsExactly(3L);
    }

    @Test
    void longestDueComeFirstUpToTheLimit() {
        List<QueueEntry> entries = List.of(entry(1, null, MessageStatus.PENDING, NOW.minusSeconds(1), null),
                entry(2, null, MessageStatus.PENDING, NOW.minusSeconds(9), null),
                entry(3, null, MessageStatus.PENDING, NOW.minusSeconds(5), null));

        assertThat(LeaseRule.leasable(entries, NOW, 2)).extracting(QueueEntry::sequence).containsExactly(2L, 3L);
    }

    @Test
    void nothingPendingMeansNoWakeUp() {
        assertThat(LeaseRule.nextWakeUp(List.of(entry(1, "a", MessageStatus.DELIVERED, NOW, null)))).isEmpty();
    }

    @Test
    void leaseOutlastsTheTimeoutAndKeepsMicroseconds() {
        assertThat(LeaseRule.leaseLength(Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(45));
        assertThat(LeaseRule.leaseUntil(NOW.plusNanos(1_234_567), Duration.ofSeconds(1)))
                .isEqualTo(NOW.plusSeconds(1).plusNanos(1_234_000));
    }
}
