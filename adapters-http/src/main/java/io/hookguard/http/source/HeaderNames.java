package io.hookguard.http.source;

import java.util.regex.Pattern;

/** Validates header names given in configuration (an HTTP token: letters, digits and {@code !#$%&'*+-.^_`|~}). */
final class HeaderNames {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}");

    private HeaderNames() {
    }

    /** {@code name} if it is a valid header name, else an exception naming {@code field}. */
    static String check(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' is required: the name of a request header");
        }
        if (!TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + field + "' '" + name + "' is not a header name "
                    + "(letters, digits and !#$%&'*+-.^_`|~, at most 128)");
        }
        return name;
    }
}
