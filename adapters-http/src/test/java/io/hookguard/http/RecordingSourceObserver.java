package io.hookguard.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the routes told the source observer, as {@code verified:<source>:<index>}, {@code refused:<source>}. */
final class RecordingSourceObserver implements SourceObserver {

    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public void verified(String source, int secretIndex) {
        seen.add("verified:" + source + ":" + secretIndex);
    }

    @Override
    public void refused(String source) {
        seen.add("refused:" + source);
    }

    @Override
    public void bodyTooLarge(String source) {
        seen.add("too_large:" + source);
    }
}
