package io.hookguard.domain.deliveries;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.idempotency.Claim;
import io.hookguard.domain.idempotency.ClaimOutcome;
import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.DeliveryKey;
import io.hookguard.domain.idempotency.Fingerprint;
import io.hookguard.domain.idempotency.IdempotencyPolicy;
import io.hookguard.domain.idempotency.WebhookEvent;
import io.hookguard.domain.idempotency.WebhookEventStore;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link DeliveryReadModel} passes. An adapter's test extends this class and returns a store
 * over a clean schema that is both the {@link WebhookEventStore} the rows are written through and the read model.
 */
public abstract class DeliveryReadModelContract {

    protected final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    private final IdempotencyPolicy policy = IdempotencyPolicy.defaults();

    private WebhookEventStore store;
    private DeliveryReadModel readModel;

    /** A store over a clean schema that also implements {@link DeliveryReadModel}; called before each test. */
    protected abstract WebhookEventStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
        assertThat(store).isInstanceOf(DeliveryReadModel.class);
        readModel = (DeliveryReadModel) store;
    }

    @Test
    void listsDeliveriesNewestFirst() {
        receive(WebhookType.GITHUB, "first");
        clock.advance(Duration.ofSeconds(1));
        receive(WebhookType.WORKFLOW_COMPLETE, "second");
        clock.advance(Duration.ofSeconds(1));
        receive(WebhookType.GITHUB, "third");

        DeliveryPage page = readModel.page(DeliveryQuery.newest(10));

        assertThat(keys(page)).containsExactly("third", "second", "first");
        assertThat(page.next()).isEmpty();
    }

    @Test
    void filtersBySourceOutcomeAndKey() {
        complete(receive(WebhookType.GITHUB, "gh-done"));
        fail(receive(WebhookType.GITHUB, "gh-failed"));
        receive(WebhookType.GITHUB, "gh-running");
        complete(receive(WebhookType.WORKFLOW_COMPLETE, "wf-done"));

        assertThat(keys(readModel.page(query(WebhookType.GITHUB, null, null))))
                .containsExactlyInAnyOrder("gh-done", "gh-failed", "gh-running");
        assertThat(keys(readModel.page(query(null, DeliveryOutcome.PROCESSED, null))))
                .containsExactlyInAnyOrder("gh-done", "wf-done");
        assertThat(keys(readModel.page(query(null, DeliveryOutcome.FAILED, null)))).containsExactly("gh-failed");
        assertThat(keys(readModel.page(query(null, DeliveryOutcome.IN_FLIGHT, null)))).containsExactly("gh-running");
        assertThat(keys(readModel.page(query(WebhookType.GITHUB, DeliveryOutcome.PROCESSED, "done"))))
                .containsExactly("gh-done");
        assertThat(keys(readModel.page(query(null, null, "-do")))).containsExactlyInAnyOrder("gh-done", "wf-done");
    }

    @Test
    void keySearchTakesWildcardCharactersLiterally() {
        receive(WebhookType.GITHUB, "a%b");
        receive(WebhookType.GITHUB, "a_b");
        receive(WebhookType.GITHUB, "axxb");

        assertThat(keys(readModel.page(query(null, null, "%")))).containsExactly("a%b");
        assertThat(keys(readModel.page(query(null, null, "_")))).containsExactly("a_b");
    }

    @Test
    void pagesStayCorrectWhileNewDeliveriesArrive() {
        for (int i = 1; i <= 5; i++) {
            receive(WebhookType.GITHUB, "old-" + i);
            clock.advance(Duration.ofMillis(1));
        }
        DeliveryPage first = readModel.page(DeliveryQuery.newest(2));
        assertThat(keys(first)).containsExactly("old-5", "old-4");

        receive(WebhookType.GITHUB, "new-1");
        receive(WebhookType.GITHUB, "new-2");
        DeliveryPage second = readModel.page(DeliveryQuery.newest(2).before(first.next().orElseThrow()));
        DeliveryPage third = readModel.page(DeliveryQuery.newest(2).before(second.next().orElseThrow()));

        assertThat(keys(second)).containsExactly("old-3", "old-2");
        assertThat(keys(third)).containsExactly("old-1");
        assertThat(third.next()).isEmpty();
    }

    @Test
    void deliveriesReceivedAtTheSameInstantArePagedOneByOneWithoutLoss() {
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            receive(WebhookType.GITHUB, "same-" + i);
            sent.add("same-" + i);
        }
        List<String> seen = new ArrayList<>();
        DeliveryQuery query = DeliveryQuery.newest(1);
        while (true) {
            DeliveryPage page = readModel.page(query);
            seen.addAll(keys(page));
            if (page.next().isEmpty()) {
                break;
            }
            query = query.before(page.next().get());
        }

        assertThat(seen).containsExactlyInAnyOrderElementsOf(sent).doesNotHaveDuplicates();
        assertThat(seen).containsExactly("same-4", "same-3", "same-2", "same-1");
    }

    @Test
    void countsDeliveriesPerMinuteAndOutcomeInTheHalfOpenRange() {
        Instant start = clock.instant();
        complete(receive(WebhookType.GITHUB, "m0-a"));
        complete(receive(WebhookType.GITHUB, "m0-b"));
        fail(receive(WebhookType.GITHUB, "m0-c"));
        clock.advance(Duration.ofSeconds(61));
        receive(WebhookType.GITHUB, "m1-a");
        clock.advance(Duration.ofMinutes(1));
        receive(WebhookType.GITHUB, "m2-outside");

        List<MinuteCount> counts = readModel.perMinute(start, start.plus(Duration.ofMinutes(2)));

        assertThat(counts).containsExactly(
                new MinuteCount(start, DeliveryOutcome.PROCESSED, 2),
                new MinuteCount(start, DeliveryOutcome.FAILED, 1),
                new MinuteCount(start.plus(Duration.ofMinutes(1)), DeliveryOutcome.IN_FLIGHT, 1));
    }

    @Test
    void countsNothingWhenNoDeliveryFallsInTheRange() {
        receive(WebhookType.GITHUB, "early");
        Instant later = clock.instant().plus(Duration.ofHours(2));

        assertThat(readModel.perMinute(later, later.plus(Duration.ofHours(1)))).isEmpty();
    }

    private Claim receive(WebhookType type, String key) {
        Delivery delivery = new Delivery(type, new DeliveryKey(new WebhookId(key), Fingerprint.of(key)), null, null);
        ClaimOutcome outcome = store.claim(policy.claimRequest(delivery, clock.instant()));
        assertThat(outcome).isInstanceOf(ClaimOutcome.Claimed.class);
        return ((ClaimOutcome.Claimed) outcome).claim();
    }

    private void complete(Claim claim) {
        assertThat(store.complete(claim, "{\"ok\":true}", clock.instant())).isTrue();
    }

    private void fail(Claim claim) {
        assertThat(store.fail(claim, "boom", clock.instant())).isTrue();
    }

    private static DeliveryQuery query(WebhookType source, DeliveryOutcome outcome, String key) {
        return new DeliveryQuery(Optional.ofNullable(source), Optional.ofNullable(outcome), Optional.ofNullable(key),
                Optional.empty(), 50);
    }

    private static List<String> keys(DeliveryPage page) {
        return page.deliveries().stream().map(WebhookEvent::webhookId).map(WebhookId::value).toList();
    }
}
