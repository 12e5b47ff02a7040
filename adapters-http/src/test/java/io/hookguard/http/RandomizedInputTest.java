package io.hookguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.HttpClient;
import io.javalin.testtools.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Seeded random JSON (and JSON broken at random) against every JSON route: no input may make a handler answer
 * 5xx, and every 4xx is a problem. The seed is fixed so a failure reproduces; {@code -Dhookguard.fuzz.seed=N}
 * explores another part of the space.
 */
class RandomizedInputTest {

    private static final long SEED = Long.getLong("hookguard.fuzz.seed", 20260301L);
    private static final String[] WORKFLOW_FIELDS = {"adw_id", "status", "queue_id", "parent_issue", "error_message"};
    private static final String[] QUEUE_FIELDS = {"parent_issue", "phases"};
    private static final String[] PHASE_FIELDS = {"title", "queue_id"};
    private static final String[] GITHUB_FIELDS = {"action", "repository", "zen", "issue"};
    private static final String[] PLAUSIBLE_STRINGS = {"adw-1", "adw-2", "completed", "failed", "q-1", "q-2", "q-3",
            "plan", "opened", "octo/hello", "", " ", "null", "42", "q-" + "9".repeat(200)};

    private final TestApp app = TestApp.secured();

    @Test
    void noWorkflowCompleteBodyIsAnsweredWith5xx() {
        fuzz(1200, 200, (random, client) -> {
            byte[] body = maybeBreak(random, Requests.utf8(randomObject(random, WORKFLOW_FIELDS, 0)));
            return Calls.post(client, "/api/v1/queue/workflow-complete", body, "Content-Type", Calls.JSON,
                    "X-Webhook-Signature", Requests.sign(TestApp.WEBHOOK_SECRET, body));
        });
    }

    @Test
    void noQueueCreationBodyIsAnsweredWith5xx() {
        fuzz(800, 201, (random, client) -> {
            byte[] body = maybeBreak(random, Requests.utf8(randomObject(random, QUEUE_FIELDS, 0)));
            return Calls.post(client, "/api/v1/queue", body, "Content-Type", Calls.JSON,
                    "Authorization", "Bearer " + TestApp.ADMIN_TOKEN);
        });
    }

    @Test
    void noGithubDeliveryIsAnsweredWith5xx() {
        fuzz(800, 200, (random, client) -> {
            byte[] body = maybeBreak(random, Requests.utf8(randomObject(random, GITHUB_FIELDS, 0)));
            String[] events = {"issues", "ping", "push", "Issues", "", "x".repeat(101), "pull_request"};
            String deliveryId = random.nextInt(10) == 0 ? "" : "d-" + random.nextInt(40);
            return Calls.post(client, "/api/v1/webhooks/github", body, "Content-Type", Calls.JSON,
                    "X-GitHub-Delivery", deliveryId, "X-GitHub-Event", events[random.nextInt(events.length)],
                    "X-Hub-Signature-256", Requests.sign(TestApp.GITHUB_SECRET, body));
        });
    }

    private interface Attempt {
        Response send(Random random, HttpClient client);
    }

    /** Sends {@code tries} random requests; none may get 5xx, and some must get {@code success} and some 400. */
    private void fuzz(int tries, int success, Attempt attempt) {
        Random random = new Random(SEED);
        app.test((server, client) -> {
            Calls.planIssue42(client);
            List<String> failures = new ArrayList<>();
            Set<Integer> statuses = new TreeSet<>();
            for (int i = 0; i < tries; i++) {
                Response response = attempt.send(random, client);
                int status = response.code();
                statuses.add(status);
                String contentType = Calls.header(response, "Content-Type");
                boolean wellFormed = status < 500
                        && (status < 400 || contentType != null && contentType.startsWith("application/problem+json"));
                if (!wellFormed) {
                    failures.add("try " + i + " (seed " + SEED + "): " + status + " " + response.body().string());
                }
            }
            assertThat(failures).isEmpty();
            assertThat(statuses).as("the fuzz reaches the use cases as well as the parsers").contains(success, 400);
            // whatever the fuzz stored must still be readable by the operator routes
            for (String path : new String[] {"/api/v1/webhook-events?limit=500", "/api/v1/github/deliveries?limit=500",
                    "/api/v1/queue/42"}) {
                assertThat(Calls.get(client, path, "Authorization", "Bearer " + TestApp.ADMIN_TOKEN).code())
                        .as(path).isEqualTo(200);
            }
        });
    }

    private static String randomObject(Random random, String[] fields, int depth) {
        StringBuilder json = new StringBuilder("{");
        boolean first = true;
        for (String field : fields) {
            if (random.nextInt(6) == 0) {
                continue;
            }
            first = member(json, first, field, fieldValue(random, field, depth));
        }
        if (random.nextInt(4) == 0) {
            member(json, first, randomString(random), randomValue(random, depth + 1));
        }
        return json.append('}').toString();
    }

    private static boolean member(StringBuilder json, boolean first, String name, String value) {
        if (!first) {
            json.append(',');
        }
        json.append(quote(name)).append(':').append(value);
        return false;
    }

    /** Mostly plausible values for known fields, so that many requests get past parsing into the use cases. */
    private static String fieldValue(Random random, String field, int depth) {
        if (random.nextInt(3) == 0) {
            return randomValue(random, depth + 1);
        }
        return switch (field) {
            case "parent_issue" -> random.nextBoolean() ? "42" : Integer.toString(random.nextInt(50) - 5);
            case "phases" -> {
                StringBuilder phases = new StringBuilder("[");
                int count = random.nextInt(5);
                for (int i = 0; i < count; i++) {
                    phases.append(i == 0 ? "" : ",").append(randomObject(random, PHASE_FIELDS, depth + 1));
                }
                yield phases.append(']').toString();
            }
            case "repository" -> "{\"full_name\":" + quote(PLAUSIBLE_STRINGS[random.nextInt(PLAUSIBLE_STRINGS.length)])
                    + "}";
            default -> quote(PLAUSIBLE_STRINGS[random.nextInt(PLAUSIBLE_STRINGS.length)]);
        };
    }

    private static String randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 7 : 9);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Long.toString(random.nextLong() >> random.nextInt(64));
            case 3 -> new String[] {"0", "-0", "2147483647", "2147483648", "-2147483649", "1e400", "-1e-400", "3.14",
                    "1E2", "123456789012345678901234567890", "0.0000001"}[random.nextInt(11)];
            case 4, 5 -> quote(randomString(random));
            case 6 -> quote(PLAUSIBLE_STRINGS[random.nextInt(PLAUSIBLE_STRINGS.length)]);
            case 7 -> {
                StringBuilder array = new StringBuilder("[");
                int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    array.append(i == 0 ? "" : ",").append(randomValue(random, depth + 1));
                }
                yield array.append(']').toString();
            }
            default -> randomObject(random, new String[] {randomString(random)}, depth + 1);
        };
    }

    /** Random text: ASCII, controls, C1 controls, unpaired surrogates, emoji, RTL marks; sometimes 5,000 long. */
    private static String randomString(Random random) {
        int length = random.nextInt(20) == 0 ? 5000 : random.nextInt(12);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(10);
            if (pick < 5) {
                text.append((char) (0x20 + random.nextInt(0x5f)));
            } else if (pick == 5) {
                text.append((char) random.nextInt(0x20));
            } else if (pick == 6) {
                text.append((char) (0x80 + random.nextInt(0x20)));
            } else if (pick == 7) {
                text.append((char) (0xD800 + random.nextInt(0x800)));
            } else if (pick == 8) {
                text.append("\uD83D\uDE00");
            } else {
                text.append((char) (0x200E + random.nextInt(4)));
            }
        }
        return text.toString();
    }

    /** A JSON string literal; control characters and surrogates as \\u escapes so the literal itself is valid. */
    private static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) || (c >= 0x80 && c < 0xA0)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** A third of the bodies are broken: truncated, a byte flipped, or random bytes spliced in. */
    private static byte[] maybeBreak(Random random, byte[] body) {
        if (body.length == 0 || random.nextInt(3) != 0) {
            return body;
        }
        byte[] broken = body.clone();
        switch (random.nextInt(3)) {
            case 0 -> {
                return java.util.Arrays.copyOf(broken, random.nextInt(broken.length));
            }
            case 1 -> broken[random.nextInt(broken.length)] = (byte) random.nextInt(256);
            default -> {
                byte[] noise = new byte[1 + random.nextInt(8)];
                random.nextBytes(noise);
                int at = random.nextInt(broken.length);
                byte[] spliced = new byte[broken.length + noise.length];
                System.arraycopy(broken, 0, spliced, 0, at);
                System.arraycopy(noise, 0, spliced, at, noise.length);
                System.arraycopy(broken, at, spliced, at + noise.length, broken.length - at);
                return spliced;
            }
        }
        return broken;
    }
}
