package io.hookguard.http.console;

import java.util.Map;

/**
 * How many duplicates this instance answered since it started, by source. Duplicates write nothing to the database
 * (answering them is the hot path), so the console can only show this in-memory count, labelled as such.
 */
@FunctionalInterface
public interface DuplicateCounts {

    /** Source name to the number of duplicates answered since start; sources with none may be absent. */
    Map<String, Long> sinceStart();

    /** Nothing counted. */
    static DuplicateCounts none() {
        return Map::of;
    }
}
