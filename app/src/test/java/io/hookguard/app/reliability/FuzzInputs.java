package io.hookguard.app.reliability;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A seeded generator of intake requests: plausible, mutated and random JSON bodies, random and broken headers, and
 * signatures that are valid for the exact bytes sent or forged in one of several ways. Signed requests use issues
 * 1..50 and delivery ids {@code d-*}; forged ones use issues 9001..9050 and ids {@code forged-*}, so that any effect
 * of a forged request is recognizable.
 */
final class FuzzInputs {

    static final int SIGNED_ISSUES_FROM = 1;
    static final int FORGED_ISSUES_FROM = 9_001;
    static final int ISSUES = 50;

    /** One generated request. {@code signed} means its signature is valid for its body. */
    record Input(int number, String path, byte[] body, List<String> headers, boolean signed) {

        /** The request as text, for failure messages: path, headers and up to 300 bytes of body. */
        String describe() {
            String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.ISO_8859_1);
            return "#" + number + " POST " + path + " " + headers + " body(" + body.length + ")=" + text;
        }
    }

    private static final String[] STATUSES = {"completed", "failed", "Completed", "done", "", "completed "};
    private static final String[] EVENTS = {"issues", "push", "ping", "pull_request", "Issues", "", "x".repeat(101),
        "issue_comment", "workflow_run"};
    private static final String[] CONTENT_TYPES = {"application/json; charset=utf-8", "application/json;charset=UTF-8",
        "application/json; charset=iso-8859-1", "text/plain", "APPLICATION/JSON", "application/json;;", "application/xml",
        "application/jsonx", "multipart/form-data; boundary=x", "*/*"};
    private static final String[] WORDS = {"adw_id", "status", "queue_id", "parent_issue", "error_message", "action",
        "repository", "full_name", "null", "true", "[]", "{}", "\"", "\\", "\\u0000", "\u00e9", "\ud83d\ude00", "1e999",
        "-1", "2147483648"};

    private final Random random;

    FuzzInputs(long seed) {
        this.random = new Random(seed);
    }

    Input next(int number) {
        boolean signed = random.nextBoolean();
        boolean workflow = random.nextBoolean();
        byte[] body = body(workflow, signed);
        List<String> headers = new ArrayList<>();
        String contentType = random.nextInt(10) < 7 ? "application/json" : pick(CONTENT_TYPES);
        if (random.nextInt(40) != 0) {
            headers.addAll(List.of("Content-Type", contentType));
        }
        String path = workflow ? Delivery.WORKFLOW_PATH : Delivery.GITHUB_PATH;
        if (!workflow) {
            if (random.nextInt(20) != 0) {
                headers.addAll(List.of("X-GitHub-Delivery", deliveryId(signed)));
            }
            if (random.nextInt(20) != 0) {
                headers.addAll(List.of("X-GitHub-Event", random.nextInt(4) == 0 ? pick(EVENTS) : "issues"));
            }
        }
        for (int i = random.nextInt(4); i > 0; i--) {
            headers.addAll(List.of("X-Fuzz-" + random.nextInt(1000), printable(random.nextInt(200))));
        }
        String header = workflow ? "X-Webhook-Signature" : "X-Hub-Signature-256";
        String secret = workflow ? Secrets.WEBHOOK : Secrets.GITHUB;
        if (signed) {
            headers.addAll(List.of(header, sign(secret, body)));
        } else {
            String forged = switch (random.nextInt(8)) {
                case 0 -> null;
                case 1 -> "";
                case 2 -> sign("not-the-secret", body);
                case 3 -> sign(workflow ? Secrets.GITHUB : Secrets.WEBHOOK, body);
                case 4 -> sign(secret, Arrays.copyOf(body, body.length + 1));
                case 5 -> "sha1=" + sign(secret, body).substring("sha256=".length());
                case 6 -> sign(secret, body).substring(0, 7 + random.nextInt(64));
                default -> "sha256=" + printable(64);
            };
            if (forged != null) {
                headers.addAll(List.of(header, forged));
            }
        }
        return new Input(number, path, body, List.copyOf(headers), signed);
    }

    /** {@code sha256=<hex HMAC-SHA256(secret, bytes)>} over the exact bytes sent. */
    private static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] body(boolean workflow, boolean signed) {
        int kind = random.nextInt(20);
        byte[] plausible = (workflow ? workflowBody(signed) : githubBody(signed)).getBytes(StandardCharsets.UTF_8);
        if (kind < 7) {
            return plausible;
        }
        if (kind < 13) {
            return mutate(plausible);
        }
        if (kind < 17) {
            return randomJson(0).getBytes(StandardCharsets.UTF_8);
        }
        if (kind < 19) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            return bytes;
        }
        return switch (random.nextInt(4)) {
            case 0 -> new byte[0];
            case 1 -> " \n\t ".getBytes(StandardCharsets.UTF_8);
            case 2 -> ("{\"adw_id\":\"" + "a".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            default -> "[".repeat(5_000).getBytes(StandardCharsets.UTF_8);
        };
    }

    private String workflowBody(boolean signed) {
        int issue = (signed ? SIGNED_ISSUES_FROM : FORGED_ISSUES_FROM) + random.nextInt(ISSUES + 2);
        String adw = (signed ? "adw-" : "forged-adw-") + random.nextInt(30);
        String status = random.nextInt(5) == 0 ? pick(STATUSES) : random.nextInt(4) == 0 ? "failed" : "completed";
        StringBuilder json = new StringBuilder("{\"adw_id\":\"").append(adw).append("\",\"status\":\"").append(status)
                .append("\",\"queue_id\":\"").append(Phases.queueId(issue, 1 + random.nextInt(3)))
                .append("\",\"parent_issue\":").append(random.nextInt(10) == 0 ? issue + 1 : issue);
        if (random.nextInt(4) == 0) {
            json.append(",\"error_message\":\"").append(printable(random.nextInt(50))).append('"');
        }
        return json.append('}').toString();
    }

    private String githubBody(boolean signed) {
        return "{\"action\":\"" + (random.nextBoolean() ? "opened" : printable(random.nextInt(10)))
                + "\",\"repository\":{\"full_name\":\"octo/" + (signed ? "signed" : "forged") + "\"},\"n\":"
                + random.nextInt(100) + "}";
    }

    private String deliveryId(boolean signed) {
        return switch (random.nextInt(12)) {
            case 0 -> "";
            case 1 -> "d".repeat(256);
            case 2 -> printable(1 + random.nextInt(40));
            default -> (signed ? "d-" : "forged-") + random.nextInt(400);
        };
    }

    private byte[] mutate(byte[] original) {
        byte[] bytes = Arrays.copyOf(original, original.length);
        for (int i = 1 + random.nextInt(4); i > 0 && bytes.length > 0; i--) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(5)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes = Arrays.copyOf(bytes, at);
                case 2 -> {
                    byte[] word = pick(WORDS).getBytes(StandardCharsets.UTF_8);
                    byte[] longer = new byte[bytes.length + word.length];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    System.arraycopy(word, 0, longer, at, word.length);
                    System.arraycopy(bytes, at, longer, at + word.length, bytes.length - at);
                    bytes = longer;
                }
                case 3 -> {
                    byte[] shorter = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                    bytes = shorter;
                }
                default -> bytes[at] = (byte) "{}[]\",:0 ".charAt(random.nextInt(9));
            }
        }
        return bytes;
    }

    private String randomJson(int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Long.toString(random.nextLong() >> random.nextInt(64));
            case 3 -> "\"" + printable(random.nextInt(30)).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            case 4 -> "\"" + pick(WORDS).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            case 5 -> {
                StringBuilder array = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.append(randomJson(depth + 1)).append(i > 1 ? "," : "");
                }
                yield array.append(']').toString();
            }
            default -> {
                StringBuilder object = new StringBuilder("{");
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.append('"').append(pick(WORDS).replace("\\", "\\\\").replace("\"", "\\\"")).append("\":")
                            .append(randomJson(depth + 1)).append(i > 1 ? "," : "");
                }
                yield object.append('}').toString();
            }
        };
    }

    /** Printable ASCII, what an HTTP header value may hold. */
    private String printable(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x20 + random.nextInt(0x5f)));
        }
        return text.toString().strip();
    }

    private <T> T pick(T[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
