package io.hookguard.app.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** One figure line per scenario: printed, and appended to {@code target/reliability-figures.txt}. */
public final class Figures {

    static final Path FILE = Path.of("target", "reliability-figures.txt");

    private Figures() {
    }

    /** Records {@code RELIABILITY <scenario> <key=value ...>}. */
    public static synchronized String record(String scenario, Object... keyValues) {
        StringBuilder line = new StringBuilder("RELIABILITY ").append(scenario);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.append(' ').append(keyValues[i]).append('=').append(format(keyValues[i + 1]));
        }
        String text = line.toString();
        System.out.println(text);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, text + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text;
    }

    /** The key-value pairs of several parts, in order. */
    static Object[] join(Object[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray();
    }

    public static String millis(double value) {
        return String.format(Locale.ROOT, "%.1fms", value);
    }

    static String mib(double bytes) {
        return String.format(Locale.ROOT, "%.1fMiB", bytes / (1024 * 1024));
    }

    private static String format(Object value) {
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.2f", d);
        }
        return String.valueOf(value);
    }
}
