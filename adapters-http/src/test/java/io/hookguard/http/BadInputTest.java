package io.hookguard.http;

import static io.hookguard.http.Calls.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.HttpClient;
import io.javalin.testtools.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed requests of every kind: each gets the right 4xx problem and leaves every store as it was. */
class BadInputTest {

    private static final String WORKFLOW = "/api/v1/queue/workflow-complete";
    private static final String GITHUB = "/api/v1/webhooks/github";
    private static final String QUEUE = "/api/v1/queue";
    private static final String VALID = "{\"adw_id\":\"adw-9\",\"status\":\"completed\",\"queue_id\":\"q-2\",\"parent_issue\":42}";
    private static final String LONG = "x".repeat(5000);

    static Stream<Row> badRequests() {
        return Stream.of(
                // Broken JSON
                workflow("truncated JSON", "{\"adw_id\":\"a\",\"status\":").expect(400, "not valid JSON"),
                workflow("empty body", "").expect(400, "empty"),
                workflow("whitespace only", "   \n ").expect(400, "JSON object"),
                workflow("JSON array", "[" + VALID + "]").expect(400, "JSON object"),
                workflow("JSON string", "\"hello\"").expect(400, "JSON object"),
                workflow("JSON null", "null").expect(400, "JSON object"),
                workflow("JSON number", "42").expect(400, "JSON object"),
                workflow("trailing garbage", VALID + " x").expect(400, "not valid JSON"),
                workflow("two objects", VALID + VALID).expect(400, "not valid JSON"),
                workflow("duplicate key", "{\"adw_id\":\"a\",\"adw_id\":\"b\",\"status\":\"completed\","
                        + "\"queue_id\":\"q-2\",\"parent_issue\":42}").expect(400, "not valid JSON"),
                workflow("single quotes", "{'adw_id':'a'}").expect(400, "not valid JSON"),
                workflow("invalid UTF-8", bytes("{\"adw_id\":\"", new byte[] {(byte) 0xC3, 0x28}, "\",\"status\":"
                        + "\"completed\",\"queue_id\":\"q-2\",\"parent_issue\":42}")).expect(400, "not valid JSON"),
                workflow("raw control character in a string", VALID.replace("adw-9", "adw\u0001"))
                        .expect(400, "not valid JSON"),
                workflow("nesting 1000 deep", "{\"adw_id\":" + "[".repeat(1000) + "]".repeat(1000) + "}")
                        .expect(400, "not valid JSON"),
                workflow("number of 5000 digits", VALID.replace("42", "9".repeat(5000))).expect(400, "not valid JSON"),
                // Missing fields, nulls, wrong types
                workflow("missing adw_id", "{\"status\":\"completed\",\"queue_id\":\"q-2\",\"parent_issue\":42}")
                        .expect(400, "'adw_id' is required"),
                workflow("null adw_id", VALID.replace("\"adw-9\"", "null")).expect(400, "'adw_id' is required"),
                workflow("adw_id a number", VALID.replace("\"adw-9\"", "9")).expect(400, "'adw_id' must be a string"),
                workflow("adw_id an object", VALID.replace("\"adw-9\"", "{}")).expect(400, "'adw_id' must be a string"),
                workflow("status an array", VALID.replace("\"completed\"", "[\"completed\"]"))
                        .expect(400, "'status' must be a string"),
                workflow("status unknown", VALID.replace("completed", "done"))
                        .expect(400, "'status' must be 'completed' or 'failed'"),
                workflow("missing queue_id", "{\"adw_id\":\"a\",\"status\":\"completed\",\"parent_issue\":42}")
                        .expect(400, "'queue_id' is required"),
                workflow("parent_issue a string", VALID.replace("42", "\"42\""))
                        .expect(400, "'parent_issue' must be a positive integer"),
                workflow("parent_issue a boolean", VALID.replace("42", "true"))
                        .expect(400, "'parent_issue' must be a positive integer"),
                workflow("parent_issue zero", VALID.replace("42", "0"))
                        .expect(400, "'parent_issue' must be a positive integer"),
                workflow("parent_issue negative", VALID.replace("42", "-5"))
                        .expect(400, "'parent_issue' must be a positive integer"),
                workflow("parent_issue fractional", VALID.replace("42", "42.5"))
                        .expect(400, "'parent_issue' must be a positive integer"),
                workflow("parent_issue just past int", VALID.replace("42", "2147483648"))
                        .expect(400, "'parent_issue' must be a positive integer"),
                workflow("parent_issue huge", VALID.replace("42", "123456789012345678901234567890"))
                        .expect(400, "'parent_issue' must be a positive integer"),
                workflow("parent_issue 1e400", VALID.replace("42", "1e400"))
                        .expect(400, "'parent_issue' must be a positive integer"),
                workflow("missing parent_issue", "{\"adw_id\":\"a\",\"status\":\"completed\",\"queue_id\":\"q-2\"}")
                        .expect(400, "'parent_issue' is required"),
                workflow("error_message an object", VALID.replace("}", ",\"error_message\":{\"a\":1}}"))
                        .expect(400, "'error_message' must be a string"),
                // Values out of their rules: overlong, empty, unicode and control characters
                workflow("adw_id of 5000 characters", VALID.replace("adw-9", LONG)).expect(400, "'adw_id' must be 1..255"),
                workflow("adw_id empty", VALID.replace("adw-9", "")).expect(400, "'adw_id' must be 1..255"),
                workflow("adw_id blank", VALID.replace("adw-9", "   ")).expect(400, "'adw_id' must be 1..255"),
                workflow("adw_id with escaped NUL", VALID.replace("adw-9", "adw\\u0000")).expect(400, "'adw_id'"),
                workflow("adw_id with C1 control NEL", VALID.replace("adw-9", "adw\\u0085")).expect(400, "'adw_id'"),
                workflow("queue_id of 5000 characters", VALID.replace("q-2", LONG)).expect(400, "'queue_id' must be 1..128"),
                workflow("queue_id with unicode", VALID.replace("q-2", "q-\u00fc\u2603")).expect(400, "'queue_id'"),
                workflow("queue_id with a space", VALID.replace("q-2", "q 2")).expect(400, "'queue_id'"),
                workflow("error_message of 5000 characters", VALID.replace("}", ",\"error_message\":\"" + LONG + "\"}"))
                        .expect(400, "'error_message' must be at most 4000"),
                workflow("error_message with an escaped NUL", VALID.replace("}", ",\"error_message\":\"a\\u0000b\"}"))
                        .expect(400, "without NUL characters"),
                // Size and content type
                workflow("body one byte over the limit", padded(VALID, TestApp.BODY_LIMIT + 1))
                        .expect(413, "at most " + TestApp.BODY_LIMIT + " bytes"),
                workflow("chunked body over the limit", padded(VALID, TestApp.BODY_LIMIT + 1)).chunked()
                        .expect(413, "at most " + TestApp.BODY_LIMIT + " bytes"),
                workflow("text/plain", VALID).contentType("text/plain").expect(415, "application/json"),
                workflow("no content type", VALID).contentType(null).expect(415, "application/json"),
                workflow("form encoded", VALID).contentType("application/x-www-form-urlencoded")
                        .expect(415, "application/json"),
                workflow("JSON in Latin-1", VALID).contentType("application/json; charset=ISO-8859-1")
                        .expect(415, "UTF-8"),
                workflow("JSON patch media type", VALID).contentType("application/json-patch+json")
                        .expect(415, "application/json"),
                // Signatures
                workflow("missing signature", VALID).signature(null).expect(401, "'X-Webhook-Signature' is required"),
                workflow("signature with another secret", VALID).signature(Requests.sign("guess", Requests.utf8(VALID)))
                        .expect(401, "does not match"),
                workflow("signature of other bytes", VALID).signature(Requests.sign(TestApp.WEBHOOK_SECRET,
                        Requests.utf8(VALID + " "))).expect(401, "does not match"),
                workflow("signature without prefix", VALID).signature("0".repeat(64)).expect(401, "sha256="),
                workflow("sha1 signature", VALID).signature("sha1=" + "0".repeat(40)).expect(401, "sha256="),
                workflow("signature not hex", VALID).signature("sha256=" + "g".repeat(64)).expect(401, "sha256="),
                // GitHub
                github("missing X-GitHub-Delivery", "{}").header("X-GitHub-Delivery", null)
                        .expect(400, "'X-GitHub-Delivery' is required"),
                github("X-GitHub-Delivery of 300 characters", "{}").header("X-GitHub-Delivery", "d".repeat(300))
                        .expect(400, "'X-GitHub-Delivery' must be 1..255"),
                github("missing X-GitHub-Event", "{}").header("X-GitHub-Event", null)
                        .expect(400, "'X-GitHub-Event' is required"),
                github("X-GitHub-Event with capitals", "{}").header("X-GitHub-Event", "Issues!")
                        .expect(400, "'X-GitHub-Event' must be"),
                github("body an array", "[{}]").expect(400, "JSON object"),
                github("body truncated", "{\"action\":").expect(400, "not valid JSON"),
                github("action of 5000 characters", "{\"action\":\"" + LONG + "\"}")
                        .expect(400, "'action' must be at most 100"),
                // PostgreSQL text cannot hold U+0000: found by the reliability fuzz as a 500
                github("action with an escaped NUL", "{\"action\":\"op\\u0000ened\"}")
                        .expect(400, "'action' must be at most 100 characters, without control characters"),
                github("repository name with an escaped NUL", "{\"repository\":{\"full_name\":\"a\\u0000b\"}}")
                        .expect(400, "'repository.full_name' must be"),
                github("wrong signature", "{}").signature("sha256=" + "0".repeat(64)).expect(401, "does not match"),
                github("form without a payload field", "other=%7B%7D")
                        .contentType("application/x-www-form-urlencoded").expect(400, "the form has no 'payload' field"),
                github("form with a broken escape", "payload=%7").contentType("application/x-www-form-urlencoded")
                        .expect(400, "not followed by two hex digits"),
                github("plain text", "{}").contentType("text/plain")
                        .expect(415, "application/json or application/x-www-form-urlencoded"),
                // Queue creation
                queue("phases empty", "{\"parent_issue\":43,\"phases\":[]}").expect(400, "'phases' must hold 1..100"),
                queue("phases an object", "{\"parent_issue\":43,\"phases\":{\"title\":\"a\"}}")
                        .expect(400, "'phases' must be an array"),
                queue("phases missing", "{\"parent_issue\":43}").expect(400, "'phases' is required"),
                queue("phase a string", "{\"parent_issue\":43,\"phases\":[\"plan\"]}")
                        .expect(400, "'phases[0]' must be an object"),
                queue("phase without title", "{\"parent_issue\":43,\"phases\":[{\"title\":\"a\"},{}]}")
                        .expect(400, "'phases[1].title' is required"),
                queue("title of 5000 characters", "{\"parent_issue\":43,\"phases\":[{\"title\":\"" + LONG + "\"}]}")
                        .expect(400, "phases[0]: 'title' must be 1..200"),
                queue("title with a newline", "{\"parent_issue\":43,\"phases\":[{\"title\":\"a\\nb\"}]}")
                        .expect(400, "phases[0]: 'title'"),
                queue("queue_id a number", "{\"parent_issue\":43,\"phases\":[{\"title\":\"a\",\"queue_id\":7}]}")
                        .expect(400, "'phases[0].queue_id' must be a string"),
                queue("repeated queue_id", "{\"parent_issue\":43,\"phases\":[{\"title\":\"a\",\"queue_id\":\"x\"},"
                        + "{\"title\":\"b\",\"queue_id\":\"x\"}]}").expect(400, "must not repeat a queue_id"),
                queue("101 phases", "{\"parent_issue\":43,\"phases\":["
                        + String.join(",", java.util.Collections.nCopies(101, "{\"title\":\"t\"}")) + "]}")
                        .expect(400, "'phases' must hold 1..100"),
                queue("parent_issue a string", "{\"parent_issue\":\"43\",\"phases\":[{\"title\":\"a\"}]}")
                        .expect(400, "'parent_issue' must be a positive integer"),
                queue("without the admin token", "{\"parent_issue\":43,\"phases\":[{\"title\":\"a\"}]}")
                        .header("Authorization", null).expect(401, "Bearer"),
                queue("text/plain", "{\"parent_issue\":43,\"phases\":[{\"title\":\"a\"}]}").contentType("text/plain")
                        .expect(415, "application/json"),
                // Query and path parameters
                read("parent_issue not a number", "/api/v1/queue/abc").expect(400, "'parent_issue' must be a positive"),
                read("parent_issue zero", "/api/v1/queue/0").expect(400, "'parent_issue' must be a positive"),
                read("parent_issue past int", "/api/v1/queue/99999999999").expect(400, "'parent_issue' must be a positive"),
                read("limit zero", "/api/v1/github/deliveries?limit=0").expect(400, "'limit' must be 1..500"),
                read("limit 501", "/api/v1/webhook-events?limit=501").expect(400, "'limit' must be 1..500"),
                read("limit negative", "/api/v1/webhook-events?limit=-1").expect(400, "'limit' must be an integer"),
                read("limit not a number", "/api/v1/github/deliveries?limit=ten").expect(400, "'limit' must be an integer"),
                read("webhook_id of 300 characters", "/api/v1/webhook-events/" + "w".repeat(300))
                        .expect(400, "'webhook_id' must be 1..255"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void malformedRequestGetsTheRightProblemAndChangesNothing(Row row) {
        TestApp app = TestApp.secured();
        app.test((server, client) -> {
            Calls.planIssue42(client);
            Calls.workflowComplete(client, Requests.completion("adw-1", "completed", "q-1", 42));
            Calls.github(client, "d-1", "issues", "{\"action\":\"opened\"}");
            TestApp.StoreSnapshot before = app.snapshot();

            Response response = row.send(client);

            assertProblem(response, row.status, row.detail);
            assertThat(app.snapshot()).isEqualTo(before);
        });
    }

    @org.junit.jupiter.api.Test
    void tableHoldsAtLeastThirtyRows() {
        assertThat(badRequests().count()).isGreaterThanOrEqualTo(30);
    }

    private static Row workflow(String name, String body) {
        return workflow(name, Requests.utf8(body));
    }

    private static Row workflow(String name, byte[] body) {
        return new Row(name, "POST", WORKFLOW, body).signature(Requests.sign(TestApp.WEBHOOK_SECRET, body));
    }

    private static Row github(String name, String body) {
        byte[] bytes = Requests.utf8(body);
        return new Row(name, "POST", GITHUB, bytes).signature(Requests.sign(TestApp.GITHUB_SECRET, bytes))
                .header("X-GitHub-Delivery", "d-bad").header("X-GitHub-Event", "issues");
    }

    private static Row queue(String name, String body) {
        return new Row(name, "POST", QUEUE, Requests.utf8(body)).header("Authorization", "Bearer " + TestApp.ADMIN_TOKEN);
    }

    private static Row read(String name, String path) {
        return new Row(name, "GET", path, new byte[0]).header("Authorization", "Bearer " + TestApp.ADMIN_TOKEN)
                .contentType(null);
    }

    private static byte[] bytes(String head, byte[] middle, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A valid JSON object padded with trailing spaces to exactly {@code size} bytes. */
    private static byte[] padded(String json, long size) {
        return Requests.utf8(json + " ".repeat((int) size - json.length()));
    }

    /** One malformed request and the problem it must get. */
    static final class Row {
        private final String name;
        private final String method;
        private final String path;
        private final byte[] body;
        private final List<String[]> headers = new ArrayList<>();
        private String contentType = Calls.JSON;
        private boolean chunked;
        int status;
        String detail;

        Row(String name, String method, String path, byte[] body) {
            this.name = name;
            this.method = method;
            this.path = path;
            this.body = body;
        }

        Row signature(String signature) {
            return header(path.equals(GITHUB) ? "X-Hub-Signature-256" : "X-Webhook-Signature", signature);
        }

        /** Sets a header, or removes it when {@code value} is null. */
        Row header(String name, String value) {
            headers.removeIf(header -> header[0].equals(name));
            if (value != null) {
                headers.add(new String[] {name, value});
            }
            return this;
        }

        Row contentType(String value) {
            this.contentType = value;
            return this;
        }

        Row chunked() {
            this.chunked = true;
            return this;
        }

        Row expect(int status, String detail) {
            this.status = status;
            this.detail = detail;
            return this;
        }

        Response send(HttpClient client) {
            return client.request(path, builder -> {
                if (method.equals("GET")) {
                    builder.get();
                } else {
                    builder.post(chunked
                            ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                            : HttpRequest.BodyPublishers.ofByteArray(body));
                }
                if (contentType != null) {
                    builder.header("Content-Type", contentType);
                }
                headers.forEach(header -> builder.header(header[0], header[1]));
            });
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
