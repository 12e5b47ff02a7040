package io.hookguard.app.reliability;

import io.hookguard.app.HookguardClient;
import io.hookguard.domain.idempotency.DeliveryKey;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One delivery as its sender makes it, signed: a workflow report completing phase 1 of its own issue, or a GitHub
 * delivery for the inbox. {@code webhookId} is the key Hookguard stores it under.
 *
 * @param headers alternating header names and values
 */
record Delivery(Kind kind, int index, int issue, String webhookId, String path, byte[] body, List<String> headers) {

    /** What a delivery changes when it is processed. */
    enum Kind {
        /** Phase 1 of {@code issue} becomes completed and phase 2 ready. */
        WORKFLOW_COMPLETE("workflow_complete"),
        /** One row in the GitHub inbox. */
        GITHUB("github");

        final String type;

        Kind(String type) {
            this.type = type;
        }
    }

    static final String WORKFLOW_PATH = "/api/v1/queue/workflow-complete";
    static final String GITHUB_PATH = "/api/v1/webhooks/github";

    /** The report that completes phase 1 of {@code issue} (planned by {@link Phases#plan}). */
    static Delivery completion(int index, int issue) {
        String adwId = "adw-rel-" + issue;
        String queueId = Phases.queueId(issue, 1);
        String body = HookguardClient.completion(adwId, queueId, issue);
        String webhookId = DeliveryKey.forWorkflowCompletion(adwId, "completed", queueId).webhookId().value();
        return new Delivery(Kind.WORKFLOW_COMPLETE, index, issue, webhookId, WORKFLOW_PATH,
                body.getBytes(StandardCharsets.UTF_8), List.of(
                        "Content-Type", "application/json",
                        "X-Webhook-Signature", HookguardClient.sign(Secrets.WEBHOOK, body)));
    }

    /** A GitHub {@code issues} delivery with id {@code <run>-<index>}. */
    static Delivery github(int index, String run) {
        String deliveryId = run + "-" + index;
        String body = "{\"action\":\"opened\",\"repository\":{\"full_name\":\"octo/reliability\"},\"issue\":{\"number\":"
                + index + "},\"run\":\"" + run + "\"}";
        return new Delivery(Kind.GITHUB, index, 0, deliveryId, GITHUB_PATH, body.getBytes(StandardCharsets.UTF_8),
                List.of("Content-Type", "application/json",
                        "X-GitHub-Delivery", deliveryId,
                        "X-GitHub-Event", "issues",
                        "X-Hub-Signature-256", HookguardClient.sign(Secrets.GITHUB, body)));
    }

    /** Half workflow reports (issues {@code firstIssue..}), half GitHub deliveries, interleaved. */
    static List<Delivery> mixed(int count, int firstIssue, String run) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> i % 2 == 0 ? completion(i, firstIssue + i / 2) : github(i, run))
                .toList();
    }

    /** How many workflow reports {@link #mixed} makes for {@code count} deliveries. */
    static int completionsIn(int count) {
        return (count + 1) / 2;
    }
}
