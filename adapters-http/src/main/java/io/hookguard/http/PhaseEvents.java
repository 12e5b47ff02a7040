package io.hookguard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookguard.domain.idempotency.Payload;
import io.hookguard.domain.outbox.EventFormat;
import io.hookguard.domain.queue.AdwId;
import io.hookguard.domain.queue.PhaseEntry;
import io.hookguard.domain.queue.PhaseEvent;
import java.time.format.DateTimeFormatter;

/**
 * The JSON that destinations receive for a phase event, in the shape Standard Webhooks recommends:
 * {@code {"type":"phase.ready","timestamp":"2026-03-01T12:00:00Z","data":{"queue_id":…,"parent_issue":…,
 * "phase_number":…,"title":…,"status":…,"adw_id":…,"error_message":…}}}, every member present ({@code null} when
 * the phase has no value), {@code data} describing the phase after the change.
 */
public final class PhaseEvents {

    public static final String CONTENT_TYPE = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PhaseEvents() {
    }

    /** The format CompleteWorkflow writes its events with. */
    public static EventFormat<PhaseEvent> json() {
        return event -> new Payload(CONTENT_TYPE, bytes(event));
    }

    static byte[] bytes(PhaseEvent event) {
        PhaseEntry phase = event.phase();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("type", event.type().wireName());
        root.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(event.timestamp()));
        ObjectNode data = root.putObject("data");
        data.put("queue_id", phase.queueId().value());
        data.put("parent_issue", phase.parentIssue().number());
        data.put("phase_number", phase.phaseNumber());
        data.put("title", phase.title().value());
        data.put("status", phase.status().wireName());
        AdwId adwId = phase.adwId();
        data.put("adw_id", adwId == null ? null : adwId.value());
        data.put("error_message", phase.errorMessage());
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a phase event could not be written as JSON", e);
        }
    }
}
