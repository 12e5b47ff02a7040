package io.hookguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.idempotency.Rejection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProblemMapperTest {

    @Test
    void rejectionsMapToTheirOwnStatuses() {
        assertThat(ProblemMapper.rejected(new Rejection(Rejection.Reason.NOT_FOUND, "no such phase")))
                .extracting(Problem::status, Problem::detail).containsExactly(404, "no such phase");
        assertThat(ProblemMapper.rejected(new Rejection(Rejection.Reason.CONFLICT, "phase is blocked")))
                .extracting(Problem::status, Problem::detail).containsExactly(409, "phase is blocked");
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(ProblemMapper.inFlight(Duration.ofMillis(1500)).headers()).containsEntry("Retry-After", "2");
        assertThat(ProblemMapper.inFlight(Duration.ofSeconds(60)).headers()).containsEntry("Retry-After", "60");
        assertThat(ProblemMapper.inFlight(Duration.ZERO).headers()).containsEntry("Retry-After", "1");
        assertThat(ProblemMapper.storeUnavailable().headers()).containsEntry("Retry-After", "5");
    }

    @Test
    void everyProblemTypeSharesOneScheme() {
        assertThat(new Problem[] {ProblemMapper.invalid("x"), ProblemMapper.badSignature("x"),
                ProblemMapper.unauthorized(), ProblemMapper.notFound("x"), ProblemMapper.conflict("x"),
                ProblemMapper.inFlight(Duration.ofSeconds(1)), ProblemMapper.payloadTooLarge(1),
                ProblemMapper.unsupportedMediaType("x"), ProblemMapper.mismatch(), ProblemMapper.storeUnavailable(), ProblemMapper.shuttingDown(),
                ProblemMapper.internalError("r")})
                .extracting(Problem::type)
                .allSatisfy(type -> assertThat(type).matches("https://hookguard\\.dev/problems/[a-z-]+"))
                .doesNotHaveDuplicates();
    }
}
