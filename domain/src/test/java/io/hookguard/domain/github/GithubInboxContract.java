package io.hookguard.domain.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.idempotency.WebhookId;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link GithubInbox} passes. An adapter's test returns an inbox over a clean schema. */
public abstract class GithubInboxContract {

    protected static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private GithubInbox inbox;

    protected abstract GithubInbox newInbox();

    @BeforeEach
    void createInbox() {
        inbox = newInbox();
    }

    protected static InboxEntry entry(String deliveryId, Instant receivedAt) {
        return new InboxEntry(new WebhookId(deliveryId), new GithubEvent("issues"), "opened", "octo/repo",
                "{\"action\":\"opened\",\"note\":\"ünïcode ✓\"}", receivedAt);
    }

    @Test
    void appendedDeliveriesAreListedNewestFirst() {
        inbox.append(entry("d1", NOW));
        inbox.append(entry("d2", NOW.plusSeconds(1)));
        inbox.append(entry("d3", NOW.plusSeconds(2)));

        assertThat(inbox.newestFirst(2)).extracting(entry -> entry.deliveryId().value()).containsExactly("d3", "d2");
    }

    @Test
    void entryIsKeptAsAppended() {
        InboxEntry entry = new InboxEntry(new WebhookId("d1"), new GithubEvent("push"), null, null, "{}", NOW);
        inbox.append(entry);
        inbox.append(entry("d2", NOW.minusSeconds(1)));

        assertThat(inbox.newestFirst(10)).first().isEqualTo(entry);
        assertThat(inbox.newestFirst(10)).last().isEqualTo(entry("d2", NOW.minusSeconds(1)));
    }

    @Test
    void sameDeliveryIsAppendedOnce() {
        assertThat(inbox.append(entry("d1", NOW))).isTrue();
        assertThat(inbox.append(entry("d1", NOW.plusSeconds(1)))).isFalse();

        assertThat(inbox.newestFirst(10)).hasSize(1);
    }
}
