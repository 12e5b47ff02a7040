package io.hookguard.domain.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentCompletionsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant WINDOW_END = T0.plusSeconds(30);

    private final RecentCompletions recent = new RecentCompletions(2);

    @Test
    void rememberedCompletionIsADuplicateUntilItExpires() {
        Delivery delivery = delivery("adw-1");
        remember(delivery, WINDOW_END);

        assertThat(recent.duplicateOf(delivery, WINDOW_END.minusNanos(1000)))
                .contains(new ClaimOutcome.Duplicate("{\"done\":true}", T0));
        assertThat(recent.duplicateOf(delivery, WINDOW_END)).isEmpty();
        assertThat(recent.size()).isZero();
    }

    @Test
    void otherFingerprintIsNotAnsweredHereSoTheStoreDecidesMismatch() {
        Delivery delivery = delivery("adw-1");
        remember(delivery, WINDOW_END);
        Delivery other = Delivery.of(delivery.type(), new DeliveryKey(delivery.id(), Fingerprint.of("other")));

        assertThat(recent.duplicateOf(other, T0)).isEmpty();
        assertThat(recent.duplicateOf(delivery, T0)).isPresent();
    }

    @Test
    void keysAreScopedByType() {
        Delivery delivery = delivery("adw-1");
        remember(delivery, WINDOW_END);

        assertThat(recent.duplicateOf(Delivery.of(WebhookType.GITHUB, delivery.key()), T0)).isEmpty();
    }

    @Test
    void oldestEntryIsEvictedBeyondTheCapacity() {
        Delivery first = delivery("adw-1");
        Delivery second = delivery("adw-2");
        Delivery third = delivery("adw-3");
        remember(first, WINDOW_END);
        remember(second, WINDOW_END);
        remember(third, WINDOW_END);

        assertThat(recent.size()).isEqualTo(2);
        assertThat(recent.duplicateOf(first, T0)).isEmpty();
        assertThat(recent.duplicateOf(second, T0)).isPresent();
        assertThat(recent.duplicateOf(third, T0)).isPresent();
    }

    @Test
    void entryAlreadyExpiredIsNotKept() {
        Delivery delivery = delivery("adw-1");
        recent.remember(delivery.type(), delivery.id(), delivery.fingerprint(), "{}", T0, T0.plusSeconds(1),
                T0.plusSeconds(1));

        assertThat(recent.size()).isZero();
    }

    @Test
    void disabledCacheKeepsNothing() {
        RecentCompletions disabled = RecentCompletions.disabled();
        Delivery delivery = delivery("adw-1");
        disabled.remember(delivery.type(), delivery.id(), delivery.fingerprint(), "{}", T0, WINDOW_END, T0);

        assertThat(disabled.size()).isZero();
        assertThat(disabled.duplicateOf(delivery, T0)).isEmpty();
    }

    private void remember(Delivery delivery, Instant expiresAt) {
        recent.remember(delivery.type(), delivery.id(), delivery.fingerprint(), "{\"done\":true}", T0, expiresAt,
                T0.minus(Duration.ofSeconds(1)));
    }

    private static Delivery delivery(String adwId) {
        return Delivery.of(WebhookType.WORKFLOW_COMPLETE, DeliveryKey.forWorkflowCompletion(adwId, "completed", "q-1"));
    }
}
