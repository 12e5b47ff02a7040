package io.hookguard.domain.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final List<Duration> DELAYS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(1),
            Duration.ofMinutes(5));

    /** A random source that always answers {@code value} (0 ≤ value < 1). */
    private static RandomGenerator always(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void nthFailureWaitsTheNthDelay() {
        RetrySchedule schedule = new RetrySchedule(DELAYS, 0);

        assertThat(schedule.afterFailure(1, NOW, always(0.3))).isEqualTo(new Settlement.Retry(NOW.plusSeconds(5)));
        assertThat(schedule.afterFailure(2, NOW, always(0.3))).isEqualTo(new Settlement.Retry(NOW.plusSeconds(60)));
        assertThat(schedule.afterFailure(3, NOW, always(0.3))).isEqualTo(new Settlement.Retry(NOW.plusSeconds(300)));
    }

    @Test
    void failureAfterTheLastDelayIsDead() {
        RetrySchedule schedule = RetrySchedule.of(DELAYS);

        assertThat(schedule.afterFailure(4, NOW, always(0.5))).isEqualTo(new Settlement.Dead(NOW));
        assertThat(new RetrySchedule(List.of(), 0).afterFailure(1, NOW, always(0.5)))
                .isEqualTo(new Settlement.Dead(NOW));
    }

    @Test
    void jitterSpreadsTheDelayWithinItsFraction() {
        RetrySchedule schedule = new RetrySchedule(DELAYS, 0.1);

        assertThat(schedule.afterFailure(2, NOW, always(0.0))).isEqualTo(new Settlement.Retry(NOW.plusSeconds(54)));
        assertThat(schedule.afterFailure(2, NOW, always(0.5))).isEqualTo(new Settlement.Retry(NOW.plusSeconds(60)));
        assertThat(schedule.afterFailure(2, NOW, always(0.999))).isEqualTo(
                new Settlement.Retry(NOW.plusMillis(65_988)));
    }

    @Test
    void defaultScheduleIsSevenDelaysFromFiveSecondsToTenHours() {
        assertThat(RetrySchedule.defaults().delays()).hasSize(7)
                .startsWith(Duration.ofSeconds(5)).endsWith(Duration.ofHours(10));
        assertThat(RetrySchedule.defaults().afterFailure(8, NOW, always(0.5))).isInstanceOf(Settlement.Dead.class);
    }

    @Test
    void invalidSchedulesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> RetrySchedule.of(List.of(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'retry'");
        assertThatThrownBy(() -> new RetrySchedule(DELAYS, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'jitter'");
        assertThatThrownBy(() -> RetrySchedule.defaults().afterFailure(0, NOW, always(0.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'failures'");
    }
}
