package io.hookguard.app.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses body limits written as bytes ({@code 1048576}) or with a binary unit ({@code 512KiB}, {@code 25MiB}). */
final class Sizes {

    static final long MIN = 1024;
    static final long MAX = 64L * 1024 * 1024;
    static final String ACCEPTED = "a size from 1KiB to 64MiB such as 1048576, 512KiB or 25MiB";

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(|b|k|kb|kib|m|mb|mib)",
            Pattern.CASE_INSENSITIVE);

    private Sizes() {
    }

    static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.trim());
        if (!matcher.matches()) {
            throw new Invalid("'" + text + "' is not a size", ACCEPTED);
        }
        long amount = Long.parseLong(matcher.group(1));
        long bytes = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "k", "kb", "kib" -> amount * 1024;
            case "m", "mb", "mib" -> amount * 1024 * 1024;
            default -> amount;
        };
        return check(bytes, text);
    }

    static long check(long bytes, String text) {
        if (bytes < MIN || bytes > MAX) {
            throw new Invalid("'" + text + "' is out of range", ACCEPTED);
        }
        return bytes;
    }
}
