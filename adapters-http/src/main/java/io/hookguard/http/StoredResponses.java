package io.hookguard.http;

import io.hookguard.domain.github.GithubReceipt;
import io.hookguard.domain.idempotency.ResponseFormat;
import io.hookguard.domain.queue.WorkflowCompletion;
import io.hookguard.domain.source.WebhookReceipt;

/**
 * The JSON of processed deliveries, as answered and as stored to answer every resend. The text is written by
 * hand, field by field, so that it stays byte for byte what earlier versions stored and replay.
 */
public final class StoredResponses {

    private StoredResponses() {
    }

    /** {@code {"success":…,"message":"…","phase_updated":…,"next_phase_triggered":…}} */
    public static ResponseFormat<WorkflowCompletion> workflowCompletion() {
        return StoredResponses::workflowCompletion;
    }

    /** {@code {"delivery_id":"…","event":"…","stored":…}} */
    public static ResponseFormat<GithubReceipt> githubReceipt() {
        return StoredResponses::githubReceipt;
    }

    /** {@code {"success":true,"source":"…","delivery_id":"…","event":"…"|null}}, a declared source's receipt. */
    public static ResponseFormat<WebhookReceipt> webhookReceipt() {
        return StoredResponses::webhookReceipt;
    }

    static String webhookReceipt(WebhookReceipt receipt) {
        return "{\"success\":true,\"source\":" + jsonString(receipt.source().value()) + ",\"delivery_id\":"
                + jsonString(receipt.key().value()) + ",\"event\":"
                + receipt.event().map(StoredResponses::jsonString).orElse("null") + "}";
    }

    static String workflowCompletion(WorkflowCompletion completion) {
        return "{\"success\":" + completion.success() + ",\"message\":" + jsonString(completion.message())
                + ",\"phase_updated\":" + completion.phaseUpdated()
                + ",\"next_phase_triggered\":" + completion.nextPhaseTriggered() + "}";
    }

    static String githubReceipt(GithubReceipt receipt) {
        return "{\"delivery_id\":" + jsonString(receipt.deliveryId().value()) + ",\"event\":"
                + jsonString(receipt.event().name()) + ",\"stored\":" + receipt.stored() + "}";
    }

    /** {@code value} as a JSON string literal: quote, backslash and control characters escaped. */
    static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
