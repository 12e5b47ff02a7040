package io.hookguard.http.source;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a value of a delivery is found — its idempotency key or its event type: a request header
 * ({@code header:<name>}) or a place in the JSON body ({@code json:<RFC 6901 pointer>}).
 */
public sealed interface FieldRule permits FieldRule.Header, FieldRule.Json {

    /** What a configuration value may be, for error messages. */
    String ACCEPTED = "accepted: header:<name> or json:<pointer>";

    /**
     * The rule written as {@code header:<name>} or {@code json:<pointer>} ({@code json:/data/id}).
     *
     * @throws IllegalArgumentException with a one-line message that quotes the text and says what is accepted
     */
    static FieldRule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a field rule is required; " + ACCEPTED);
        }
        try {
            if (text.startsWith("header:")) {
                return header(text.substring("header:".length()));
            }
            if (text.startsWith("json:")) {
                return json(text.substring("json:".length()));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid field rule: " + e.getMessage() + "; "
                    + ACCEPTED);
        }
        throw new IllegalArgumentException("'" + text + "' is not a field rule; " + ACCEPTED);
    }

    /** The first of the named headers that the request sent (usually one name; more for alternatives). */
    static FieldRule header(String name, String... alternatives) {
        return new Header(name, List.of(alternatives));
    }

    /** The value at an RFC 6901 pointer such as {@code /id} or {@code /data/object/id}. */
    static FieldRule json(String pointer) {
        return new Json(pointer);
    }

    /** Where this rule looks, for messages: {@code header 'X-GitHub-Delivery'}, {@code JSON pointer /id}. */
    String where();

    /**
     * The value found, or empty when there is none (header absent, JSON member absent or {@code null}).
     *
     * @throws BadDeliveryException when the body is needed but is not JSON, or holds an object, array or boolean
     *     there
     */
    Optional<String> find(RequestHeaders headers, JsonBody body);

    /** A header, or the first present of several alternatives ({@code webhook-id}, then {@code svix-id}). */
    record Header(String name, List<String> alternatives) implements FieldRule {

        public Header {
            HeaderNames.check("header", name);
            alternatives = List.copyOf(alternatives);
            alternatives.forEach(alternative -> HeaderNames.check("header", alternative));
        }

        @Override
        public String where() {
            StringBuilder where = new StringBuilder("header '").append(name).append('\'');
            alternatives.forEach(alternative -> where.append(" or '").append(alternative).append('\''));
            return where.toString();
        }

        @Override
        public Optional<String> find(RequestHeaders headers, JsonBody body) {
            String value = headers.get(name);
            for (int i = 0; value == null && i < alternatives.size(); i++) {
                value = headers.get(alternatives.get(i));
            }
            return Optional.ofNullable(value);
        }

        @Override
        public String toString() {
            return "header:" + name;
        }
    }

    /** A string or number in the JSON body, at an RFC 6901 pointer. */
    record Json(String pointer) implements FieldRule {

        public Json {
            Objects.requireNonNull(pointer, "pointer");
            if (!pointer.startsWith("/")) {
                throw new IllegalArgumentException("a JSON pointer starts with '/', such as /id or /data/id");
            }
            JsonPointer.compile(pointer);
        }

        @Override
        public String where() {
            return "JSON pointer " + pointer;
        }

        @Override
        public Optional<String> find(RequestHeaders headers, JsonBody body) {
            JsonNode node = body.tree(where()).at(pointer);
            if (node.isMissingNode() || node.isNull()) {
                return Optional.empty();
            }
            if (node.isTextual()) {
                return Optional.of(node.textValue());
            }
            if (node.isIntegralNumber()) {
                return Optional.of(node.asText());
            }
            throw new BadDeliveryException(where(), "the value at " + where() + " must be a string or an integer, not "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public String toString() {
            return "json:" + pointer;
        }
    }
}
