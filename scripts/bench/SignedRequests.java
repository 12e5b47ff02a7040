import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes signed intake requests for the benchmark, one per line: {@code path TAB body TAB header:value ...}.
 * wrk's LuaJIT has no HMAC, so every body is signed here, before the run; intake.lua only cycles through them.
 *
 * <pre>
 * java SignedRequests.java workflow OUT SECRET TAG FIRST_ISSUE COUNT [DUP_TAG DUP_FIRST_ISSUE DUP_POOL DUP_EVERY]
 * java SignedRequests.java github   OUT SECRET TAG COUNT
 * </pre>
 * workflow: request i completes phase 1 of issue FIRST_ISSUE + i (phases "bq-N-1", "bq-N-2" exist, created by
 * bench.sh), so each one is a new delivery with the full phase-queue effect. With DUP_*, every DUP_EVERY-th
 * request repeats one of the first DUP_POOL requests of tag DUP_TAG instead (a duplicate of a completed one).
 */
public final class SignedRequests {

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Path out = Path.of(args[1]);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(args[2].getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            switch (kind) {
                case "workflow" -> workflow(w, mac, args);
                case "github" -> github(w, mac, args[3], Integer.parseInt(args[4]));
                default -> throw new IllegalArgumentException("kind must be workflow or github: " + kind);
            }
        }
    }

    private static void workflow(BufferedWriter w, Mac mac, String[] args) throws IOException {
        String tag = args[3];
        long firstIssue = Long.parseLong(args[4]);
        int count = Integer.parseInt(args[5]);
        boolean mixed = args.length > 6;
        int newIndex = 0;
        for (int i = 0; i < count; i++) {
            if (mixed && i % Integer.parseInt(args[9]) == Integer.parseInt(args[9]) - 1) {
                int pool = Integer.parseInt(args[8]);
                int d = (i / Integer.parseInt(args[9])) % pool;
                workflowLine(w, mac, args[6], Long.parseLong(args[7]), d);
            } else {
                workflowLine(w, mac, tag, firstIssue, newIndex++);
            }
        }
    }

    private static void workflowLine(BufferedWriter w, Mac mac, String tag, long firstIssue, int i) throws IOException {
        long issue = firstIssue + i;
        String body = "{\"adw_id\":\"bench-" + tag + "-" + i + "\",\"status\":\"completed\",\"queue_id\":\"bq-" + issue
                + "-1\",\"parent_issue\":" + issue + "}";
        line(w, "/api/v1/queue/workflow-complete", body, "X-Webhook-Signature:" + sign(mac, body));
    }

    private static void github(BufferedWriter w, Mac mac, String tag, int count) throws IOException {
        StringBuilder commits = new StringBuilder();
        for (int c = 0; c < 4; c++) {
            commits.append(c == 0 ? "" : ",").append("{\"id\":\"").append("0123456789abcdef0123456789abcdef0123456")
                    .append(c).append("\",\"message\":\"Fix the flaky retry test and tidy the intake logs\",")
                    .append("\"author\":{\"name\":\"Octo Cat\",\"email\":\"octocat@example.com\"},")
                    .append("\"added\":[],\"removed\":[],\"modified\":[\"app/src/main/java/Main.java\"]}");
        }
        for (int i = 0; i < count; i++) {
            String id = "bench-" + tag + "-" + i;
            String body = "{\"ref\":\"refs/heads/main\",\"before\":\"" + "a".repeat(40) + "\",\"after\":\""
                    + String.format("%040x", i) + "\",\"repository\":{\"id\":1296269,\"full_name\":\"acme/hookguard\","
                    + "\"private\":false,\"default_branch\":\"main\"},\"pusher\":{\"name\":\"octocat\"},"
                    + "\"sender\":{\"login\":\"octocat\",\"id\":1},\"commits\":[" + commits + "]}";
            line(w, "/api/v1/webhooks/github", body, "X-GitHub-Delivery:" + id, "X-GitHub-Event:push",
                    "X-Hub-Signature-256:" + sign(mac, body));
        }
    }

    private static String sign(Mac mac, String body) {
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static void line(BufferedWriter w, String path, String body, String... headers) throws IOException {
        w.write(path);
        w.write('\t');
        w.write(body);
        for (String header : headers) {
            w.write('\t');
            w.write(header);
        }
        w.write('\n');
    }
}
