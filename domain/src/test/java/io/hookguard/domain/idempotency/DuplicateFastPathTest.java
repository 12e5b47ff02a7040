package io.hookguard.domain.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.testing.Decorated;
import io.hookguard.domain.testing.DirectUnitOfWork;
import io.hookguard.domain.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Resends answered without writing: from the cache of recent completions, by the read-only look-up, or by a store
 * claim that writes nothing for a duplicate.
 */
class DuplicateFastPathTest {

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    private final InMemoryWebhookEventStore shared = new InMemoryWebhookEventStore();
    private final CountingStore store = new CountingStore(shared);
    private final IdempotencyPolicy policy = IdempotencyPolicy.defaults();
    private final RecentCompletions recent = new RecentCompletions(RecentCompletions.DEFAULT_CAPACITY);
    private final IdempotentIntake intake =
            new IdempotentIntake(store.port, new DirectUnitOfWork(), policy, clock, recent);
    /** Another instance on the same store, with a cache of its own. */
    private final IdempotentIntake otherInstance =
            new IdempotentIntake(shared, new DirectUnitOfWork(), policy, clock, new RecentCompletions(10));
    private final AtomicInteger effects = new AtomicInteger();

    private final Delivery delivery = Delivery.of(WebhookType.WORKFLOW_COMPLETE,
            DeliveryKey.forWorkflowCompletion("adw-1", "completed", "q-1"));

    private final DeliveryHandler<String> countingHandler = claim -> {
        effects.incrementAndGet();
        return new HandlerOutcome.Success<>("done", "{\"done\":true}");
    };

    @Test
    void resendOfACompletionMadeHereIsAnsweredFromTheCacheWithoutTheStore() {
        intake.accept(delivery, countingHandler);
        store.reset();
        clock.advance(Duration.ofSeconds(5));

        IntakeResult<String> resend = intake.accept(delivery, countingHandler);

        assertThat(resend).isEqualTo(new IntakeResult.Replayed<>(delivery.id(), "{\"done\":true}",
                Instant.parse("2026-03-01T12:00:00Z")));
        assertThat(store.calls()).isZero();
        assertThat(effects).hasValue(1);
    }

    @Test
    void resendOfACompletionMadeElsewhereIsAnsweredByTheReadOnlyLookUpThenFromTheCache() {
        otherInstance.accept(delivery, countingHandler);
        clock.advance(Duration.ofSeconds(5));

        assertThat(intake.accept(delivery, countingHandler)).isInstanceOf(IntakeResult.Replayed.class);
        assertThat(store.finds).hasValue(1);
        assertThat(store.writes).hasValue(0);

        assertThat(intake.accept(delivery, countingHandler)).isInstanceOf(IntakeResult.Replayed.class);
        assertThat(store.finds).hasValue(1);
        assertThat(effects).hasValue(1);
    }

    @Test
    void cachedCompletionExpiresAtTheWindowsEndLikeTheStore() {
        intake.accept(delivery, countingHandler);

        clock.advance(policy.windowFor(WebhookType.WORKFLOW_COMPLETE).minusNanos(1000));
        assertThat(intake.accept(delivery, countingHandler)).isInstanceOf(IntakeResult.Replayed.class);

        clock.advance(Duration.ofNanos(1000));
        assertThat(intake.accept(delivery, countingHandler)).isInstanceOf(IntakeResult.Processed.class);
        assertThat(effects).hasValue(2);
    }

    @Test
    void claimInFlightIsNeverCachedAndStaysInFlight() {
        shared.claim(policy.claimRequest(delivery, clock.instant()));

        assertThat(intake.accept(delivery, countingHandler)).isInstanceOf(IntakeResult.InFlight.class);
        assertThat(intake.accept(delivery, countingHandler)).isInstanceOf(IntakeResult.InFlight.class);
        assertThat(recent.size()).isZero();
        assertThat(store.claims).hasValue(2);
    }

    @Test
    void otherContentUnderACachedKeyIsStillAMismatchFromTheStore() {
        intake.accept(delivery, countingHandler);
        Delivery other = Delivery.of(WebhookType.WORKFLOW_COMPLETE,
                new DeliveryKey(delivery.id(), Fingerprint.of("something else")));

        assertThat(intake.accept(other, countingHandler)).isEqualTo(new IntakeResult.Mismatch<>(delivery.id()));
        assertThat(effects).hasValue(1);
    }

    @Test
    void failedDeliveryIsNotCachedAndItsRetryIsProcessed() {
        intake.accept(delivery, claim -> {
            throw new IllegalStateException("downstream broke");
        });

        assertThat(recent.size()).isZero();
        assertThat(intake.accept(delivery, countingHandler)).isInstanceOf(IntakeResult.Processed.class);
        assertThat(effects).hasValue(1);
    }

    @Test
    void rejectedDeliveryIsNotCached() {
        intake.accept(delivery, claim -> new HandlerOutcome.Rejected<>(
                new Rejection(Rejection.Reason.NOT_FOUND, "no such queue entry")));

        assertThat(recent.size()).isZero();
    }

    @Test
    void cachedEntryEndsWhenCleanupMayDeleteTheRowEvenInsideAWindowAsLongAsRetention() {
        Delivery push = Delivery.of(WebhookType.GITHUB, DeliveryKey.forGithubDelivery(new WebhookId("guid-1"),
                "{\"ref\":\"main\"}".getBytes(StandardCharsets.UTF_8)));
        Instant received = clock.instant();
        otherInstance.accept(push, claim -> {
            clock.advance(Duration.ofSeconds(50));
            return new HandlerOutcome.Success<>("done", "{}");
        });
        clock.advance(Duration.ofSeconds(10));

        assertThat(intake.accept(push, countingHandler)).isInstanceOf(IntakeResult.Replayed.class);

        Instant retentionEnd = received.plus(policy.retention());
        assertThat(recent.duplicateOf(push, retentionEnd.minusNanos(1000))).isPresent();
        assertThat(recent.duplicateOf(push, retentionEnd)).isEmpty();
    }

    @Test
    void storeWhoseClaimAnswersDuplicatesWithoutWritingIsClaimedWithoutALookUpAndItsDuplicatesAreCached() {
        AtomicInteger finds = new AtomicInteger();
        WebhookEventStore claimsFirst = Decorated.around(WebhookEventStore.class, shared, (method, args, proceed) -> {
            if (method.getName().equals("claimsDuplicatesWithoutWriting")) {
                return true;
            }
            if (method.getName().equals("find")) {
                finds.incrementAndGet();
            }
            return proceed.call();
        });
        IdempotentIntake claimingFirst = new IdempotentIntake(claimsFirst, new DirectUnitOfWork(), policy, clock,
                new RecentCompletions(10));
        otherInstance.accept(delivery, countingHandler);
        Delivery fresh = Delivery.of(WebhookType.WORKFLOW_COMPLETE,
                DeliveryKey.forWorkflowCompletion("adw-2", "completed", "q-2"));

        assertThat(claimingFirst.accept(fresh, countingHandler)).isInstanceOf(IntakeResult.Processed.class);
        assertThat(finds).as("no look-up before a claim").hasValue(0);

        assertThat(claimingFirst.accept(delivery, countingHandler)).isInstanceOf(IntakeResult.Replayed.class);
        assertThat(finds).as("the duplicate the claim answered is read once, to be cached").hasValue(1);
        assertThat(claimingFirst.accept(delivery, countingHandler)).isInstanceOf(IntakeResult.Replayed.class);
        assertThat(finds).hasValue(1);
        assertThat(effects).hasValue(2);
    }

    /** Counts what the intake asks of the store. */
    private static final class CountingStore {
        final AtomicInteger finds = new AtomicInteger();
        final AtomicInteger claims = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();
        final WebhookEventStore port;

        CountingStore(WebhookEventStore delegate) {
            port = Decorated.around(WebhookEventStore.class, delegate, (method, args, proceed) -> {
                switch (method.getName()) {
                    case "find" -> finds.incrementAndGet();
                    case "claim" -> claims.incrementAndGet();
                    case "complete", "fail" -> writes.incrementAndGet();
                    default -> {
                    }
                }
                return proceed.call();
            });
        }

        int calls() {
            return finds.get() + claims.get() + writes.get();
        }

        void reset() {
            finds.set(0);
            claims.set(0);
            writes.set(0);
        }
    }
}
