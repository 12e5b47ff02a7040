package io.hookguard.http.source;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A case-insensitive, read-only view of a request's headers, so that the schemes do not depend on the web
 * framework: from a Javalin route, {@code ctx::header} is one.
 */
@FunctionalInterface
public interface RequestHeaders {

    /** The (first) value of the header {@code name}, matched case-insensitively, or {@code null} when absent. */
    String get(String name);

    /** A view over a copy of {@code headers}, whose names are matched case-insensitively. */
    static RequestHeaders of(Map<String, String> headers) {
        Objects.requireNonNull(headers, "headers");
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        return copy::get;
    }
}
