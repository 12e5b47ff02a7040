package io.hookguard.app.config;

import io.hookguard.app.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The mistakes found in one configuration file, each with its path, reported together as one line. */
final class Problems {

    private final String file;
    private final List<String> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(String path, String problem, String accepted) {
        found.add((path.isEmpty() ? "" : path + ": ") + problem + "; accepted: " + accepted);
    }

    void add(String path, Invalid invalid) {
        add(path, invalid.problem(), invalid.accepted());
    }

    boolean any() {
        return !found.isEmpty();
    }

    /** Throws the one line: the file, then every mistake in the order found, joined by "; ". */
    void throwIfAny() {
        if (any()) {
            throw new ConfigException(file + ": " + found.stream().collect(Collectors.joining("; ")));
        }
    }
}
