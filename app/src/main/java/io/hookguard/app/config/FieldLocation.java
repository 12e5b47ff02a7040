package io.hookguard.app.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a value (the idempotency key, the event type) is found in a request: a header, or an RFC 6901 JSON
 * pointer into the body. Written {@code header:<name>} or {@code json:<pointer>}.
 */
public sealed interface FieldLocation permits FieldLocation.Header, FieldLocation.Json {

    String ACCEPTED = "header:<name> (such as header:X-Acme-Delivery) or json:<RFC 6901 pointer> (such as json:/id)";

    /** The rule as written in the file; also how a 400 names where the value was looked for. */
    String text();

    /** A request header, matched case-insensitively. */
    record Header(String name) implements FieldLocation {

        private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");

        public Header {
            Objects.requireNonNull(name, "'name' is required");
            if (!TOKEN.matcher(name).matches()) {
                throw new Invalid("'" + name + "' is not a header name", ACCEPTED);
            }
        }

        @Override
        public String text() {
            return "header:" + name;
        }
    }

    /** A JSON pointer (RFC 6901) into the body, such as {@code /id} or {@code /data/object/id}. */
    record Json(String pointer) implements FieldLocation {

        private static final Pattern POINTER = Pattern.compile("(/([^~/]|~[01])*)+");

        public Json {
            Objects.requireNonNull(pointer, "'pointer' is required");
            if (!POINTER.matcher(pointer).matches()) {
                throw new Invalid("'" + pointer + "' is not a JSON pointer to a member (it must start with '/',"
                        + " and '~' is written only as ~0 or ~1)", ACCEPTED);
            }
        }

        @Override
        public String text() {
            return "json:" + pointer;
        }
    }

    static FieldLocation parse(String text) {
        if (text.startsWith("header:")) {
            return new Header(text.substring("header:".length()));
        }
        if (text.startsWith("json:")) {
            return new Json(text.substring("json:".length()));
        }
        throw new Invalid("'" + text + "' is neither a header nor a json rule", ACCEPTED);
    }
}
