package io.hookguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookguard.domain.idempotency.Payload;
import io.hookguard.domain.queue.AdwId;
import io.hookguard.domain.queue.ParentIssue;
import io.hookguard.domain.queue.PhaseEntry;
import io.hookguard.domain.queue.PhaseEvent;
import io.hookguard.domain.queue.PhaseStatus;
import io.hookguard.domain.queue.PhaseTitle;
import io.hookguard.domain.queue.QueueId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PhaseEventsTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T11:00:00Z");
    private static final Instant PROCESSED = Instant.parse("2026-03-01T12:00:00.123456Z");

    private static PhaseEntry phase(String queueId, int number, String title, PhaseStatus status, String adwId,
            String error) {
        return new PhaseEntry(new QueueId(queueId), new ParentIssue(42), number, new PhaseTitle(title), status,
                adwId == null ? null : new AdwId(adwId), error, CREATED, PROCESSED);
    }

    private static String json(PhaseEvent event) {
        Payload payload = PhaseEvents.json().format(event);
        assertThat(payload.contentType()).isEqualTo("application/json");
        return new String(payload.body(), StandardCharsets.UTF_8);
    }

    @Test
    void completedPhaseIsWrittenWithEveryMemberInTheDocumentedOrder() {
        PhaseEvent event = new PhaseEvent(PhaseEvent.Type.COMPLETED, PROCESSED,
                phase("q-1", 1, "plan", PhaseStatus.COMPLETED, "adw-1", null));

        assertThat(json(event)).isEqualTo("{\"type\":\"phase.completed\",\"timestamp\":\"2026-03-01T12:00:00.123456Z\","
                + "\"data\":{\"queue_id\":\"q-1\",\"parent_issue\":42,\"phase_number\":1,\"title\":\"plan\","
                + "\"status\":\"completed\",\"adw_id\":\"adw-1\",\"error_message\":null}}");
    }

    @Test
    void readyPhaseWithoutAReporterHasANullAdwId() {
        PhaseEvent event = new PhaseEvent(PhaseEvent.Type.READY, Instant.parse("2026-03-01T12:00:00Z"),
                phase("q-2", 2, "build", PhaseStatus.READY, null, null));

        assertThat(json(event)).isEqualTo("{\"type\":\"phase.ready\",\"timestamp\":\"2026-03-01T12:00:00Z\","
                + "\"data\":{\"queue_id\":\"q-2\",\"parent_issue\":42,\"phase_number\":2,\"title\":\"build\","
                + "\"status\":\"ready\",\"adw_id\":null,\"error_message\":null}}");
    }

    @Test
    void failedPhaseCarriesItsErrorEscapedAsJson() throws Exception {
        String error = "tests failed: \"expected\" <b>\n\u0001";
        PhaseEvent event = new PhaseEvent(PhaseEvent.Type.FAILED, PROCESSED,
                phase("q-1", 1, "plan \"quoted\"", PhaseStatus.FAILED, "adw-1", error));

        JsonNode parsed = new ObjectMapper().readTree(json(event));

        assertThat(parsed.get("type").asText()).isEqualTo("phase.failed");
        assertThat(parsed.get("data").get("error_message").asText()).isEqualTo(error);
        assertThat(parsed.get("data").get("title").asText()).isEqualTo("plan \"quoted\"");
        assertThat(parsed.get("data").get("status").asText()).isEqualTo("failed");
    }

    @Test
    void blockedPhaseIsNamedPhaseBlocked() throws Exception {
        PhaseEvent event = new PhaseEvent(PhaseEvent.Type.BLOCKED, PROCESSED,
                phase("q-3", 3, "ship", PhaseStatus.BLOCKED, null, null));

        JsonNode parsed = new ObjectMapper().readTree(json(event));

        assertThat(parsed.get("type").asText()).isEqualTo("phase.blocked");
        assertThat(parsed.get("data").get("phase_number").asInt()).isEqualTo(3);
        assertThat(parsed.get("data").get("status").asText()).isEqualTo("blocked");
    }
}
