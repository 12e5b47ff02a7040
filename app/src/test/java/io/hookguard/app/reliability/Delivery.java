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

    /**
     * The same delivery without a valid signature: none at all, one made with another secret, or a malformed one,
     * by {@code index}.
     */
    Delivery forged() {
        String header = kind == Kind.WORKFLOW_COMPLETE ? "X-Webhook-Signature" : "X-Hub-Signature-256";
        List<String> kept = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            if (!headers.get(i).equals(header)) {
                kept.add(headers.get(i));
                kept.add(headers.get(i + 1));
            }
        }
        String text = new String(body, StandardCharsets.UTF_8);
        switch (index % 3) {
            case 1 -> kept.addAll(List.of(header, HookguardClient.sign("not-the-secret", text)));
            case 2 -> kept.addAll(List.of(header, "sha256=" + "0".repeat(63)));
            default -> { }
        }
        return new Delivery(kind, index, issue, webhookId, path, body, List.copyOf(kept));
    }

    /** How many workflow reports {@link #mixed} makes for {@code count} deliveries. */
    static int completionsIn(int count) {
        return (count + 1) / 2;
    }
}
