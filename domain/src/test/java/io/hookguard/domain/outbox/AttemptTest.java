package io.hookguard.domain.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void detailIsCutToOneKibibyteWithoutSplittingACharacter() {
        String text = "x".repeat(1023) + "€" + "tail";

        String detail = Attempt.detailOf(text);

        assertThat(detail).isEqualTo("x".repeat(1023));
        assertThat(Attempt.detailOf("é".repeat(600)).getBytes(StandardCharsets.UTF_8)).hasSize(1024);
        assertThat(Attempt.detailOf("short")).isEqualTo("short");
    }

    @Test
    void nulCharactersInADetailAreReplaced() {
        assertThat(Attempt.detailOf("a\u0000b")).isEqualTo("a\uFFFDb");
    }

    @Test
    void attemptTakesItsOutcomeAndStatusFromTheResult() {
        assertThat(Attempt.of(NOW, Duration.ofMillis(3), new AttemptResult.Refused(410, "gone")))
                .isEqualTo(new Attempt(NOW, 410, Duration.ofMillis(3), Attempt.Outcome.REFUSED, "gone"));
        assertThat(Attempt.of(NOW, Duration.ZERO, new AttemptResult.Failed(null, "refused")).statusCode()).isNull();
    }

    @Test
    void invalidAttemptIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new Attempt(NOW, 42, Duration.ZERO, Attempt.Outcome.FAILED, ""))
                .hasMessageContaining("'statusCode'");
        assertThatThrownBy(() -> new Attempt(NOW, 200, Duration.ofMillis(-1), Attempt.Outcome.DELIVERED, ""))
                .hasMessageContaining("'duration'");
    }
}
