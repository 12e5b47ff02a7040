package io.hookguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookguard.domain.github.GithubEvent;
import io.hookguard.domain.github.GithubReceipt;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.queue.WorkflowCompletion;
import org.junit.jupiter.api.Test;

class StoredResponsesTest {

    @Test
    void workflowCompletionIsStoredInTheFormEarlierVersionsStored() {
        WorkflowCompletion completion = new WorkflowCompletion(true, "Phase q-1 completed; next phase triggered",
                true, true);

        assertThat(StoredResponses.workflowCompletion().format(completion)).isEqualTo(
                "{\"success\":true,\"message\":\"Phase q-1 completed; next phase triggered\","
                        + "\"phase_updated\":true,\"next_phase_triggered\":true}");
    }

    @Test
    void githubReceiptIsStoredInTheFormEarlierVersionsStored() {
        GithubReceipt receipt = new GithubReceipt(new WebhookId("d-1"), new GithubEvent("push"), true);

        assertThat(StoredResponses.githubReceipt().format(receipt))
                .isEqualTo("{\"delivery_id\":\"d-1\",\"event\":\"push\",\"stored\":true}");
    }

    @Test
    void stringsAreEscapedIntoValidJson() throws Exception {
        String literal = StoredResponses.jsonString("a\"b\\c\n\u0001");

        assertThat(literal).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
        assertThat(new ObjectMapper().readValue(literal, String.class)).isEqualTo("a\"b\\c\n\u0001");
    }
}
