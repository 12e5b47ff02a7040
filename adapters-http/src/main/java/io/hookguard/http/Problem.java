package io.hookguard.http;

import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem to answer with, plus the headers that belong to it ({@code Retry-After}, ...).
 * Built only by {@link ProblemMapper}, which owns every status decision.
 */
record Problem(int status, String slug, String title, String detail, Map<String, String> headers) {

    static final String TYPE_BASE = "https://hookguard.dev/problems/";

    Problem {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        headers = Map.copyOf(headers);
    }

    String type() {
        return TYPE_BASE + slug;
    }
}
