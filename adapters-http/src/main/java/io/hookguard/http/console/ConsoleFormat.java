package io.hookguard.http.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/** Turns stored values into display text: times, durations, pretty JSON, masked secrets, URL segments. */
final class ConsoleFormat {

    static final String NONE = "—";
    static final String MASK = "••••••••";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConsoleFormat() {
    }

    static String time(Instant instant) {
        return instant == null ? NONE : TIME.format(instant);
    }

    static String minute(Instant instant) {
        return MINUTE.format(instant);
    }

    static String duration(Instant from, Instant to) {
        if (from == null || to == null) {
            return NONE;
        }
        long millis = Duration.between(from, to).toMillis();
        return millis < 1_000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** The text pretty-printed when it is a JSON object or array, otherwise as it is. */
    static String prettyJson(String text) {
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return text;
        }
        try {
            JsonNode tree = MAPPER.readTree(trimmed);
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    /** Whether a header's value is a credential or signature the page must not show. */
    static boolean isSecretHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_HEADERS.contains(lower) || lower.contains("signature") || lower.contains("token")
                || lower.contains("secret");
    }

    /** One path segment, percent-encoded; a key's slashes stay slashes (the key route takes the rest). */
    static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }

    static String queryValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
