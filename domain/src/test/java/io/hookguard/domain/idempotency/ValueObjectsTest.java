package io.hookguard.domain.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueObjectsTest {

    @Test
    void workflowCompletionKeyIsTheFullSha256OfAdwIdStatusAndQueueId() {
        DeliveryKey key = DeliveryKey.forWorkflowCompletion("adw-1", "completed", "q-1");

        // sha256("adw-1:completed:q-1"), computed independently with sha256sum
        assertThat(key.webhookId().value())
                .isEqualTo("fbbb0a3b33f949216ff3a7419776cb69265f137b5bd6f8b5aa763b388fc579c1");
        assertThat(key.fingerprint().hex()).isEqualTo(key.webhookId().value());
    }

    @Test
    void invalidValueNamesItsFieldSoTheEdgeCanNameItAsItsRequestDoes() {
        assertThatThrownBy(() -> new WebhookId(" "))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("webhookId");
                    assertThat(e.messageNaming("X-GitHub-Delivery"))
                            .isEqualTo("'X-GitHub-Delivery' must be 1..255 characters and not blank");
                });
    }

    @Test
    void listingsAllowOneTo500Rows() {
        assertThat(ListLimit.checked(1)).isEqualTo(1);
        assertThat(ListLimit.checked(500)).isEqualTo(500);
        assertThatThrownBy(() -> ListLimit.checked(0)).hasMessage("'limit' must be 1..500");
        assertThatThrownBy(() -> ListLimit.checked(501)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void webhookIdMustBe1To255Characters() {
        assertThat(new WebhookId("x".repeat(255)).value()).hasSize(255);
        assertThatThrownBy(() -> new WebhookId("x".repeat(256)))
                .hasMessage("'webhookId' must be 1..255 characters and not blank");
        assertThatThrownBy(() -> new WebhookId("")).hasMessageContaining("'webhookId'");
        assertThatThrownBy(() -> new WebhookId("a\u0000b")).hasMessageContaining("control characters");
    }

    @Test
    void fingerprintMustBeLowercaseSha256Hex() {
        assertThatThrownBy(() -> new Fingerprint("ABC")).hasMessageContaining("'fingerprint'");
        assertThat(Fingerprint.of("").hex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void webhookTypeIsASnakeCaseName() {
        assertThat(WebhookType.GITHUB.value()).isEqualTo("github");
        assertThatThrownBy(() -> new WebhookType("Git Hub")).hasMessageContaining("'webhookType'");
    }

    @Test
    void policyDefaultsFollowTheSpec() {
        IdempotencyPolicy policy = IdempotencyPolicy.defaults();

        assertThat(policy.windowFor(WebhookType.WORKFLOW_COMPLETE)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.windowFor(WebhookType.GITHUB)).isEqualTo(Duration.ofDays(7));
        assertThat(policy.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(policy.lease()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void windowLongerThanRetentionIsRefused() {
        assertThatThrownBy(() -> new IdempotencyPolicy(Duration.ofDays(1), Duration.ofSeconds(60), Duration.ofDays(1),
                Map.of(WebhookType.GITHUB, Duration.ofDays(2))))
                .hasMessageContaining("'retention'");
        assertThatThrownBy(() -> new IdempotencyPolicy(Duration.ZERO, Duration.ofSeconds(60), Duration.ofDays(1),
                Map.of()))
                .hasMessage("'retention' must be a positive duration");
    }
}
