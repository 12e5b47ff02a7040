package io.hookguard.domain.github;

import io.hookguard.domain.idempotency.WebhookId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A thread-safe in-memory {@link GithubInbox} for fast tests. */
public final class InMemoryGithubInbox implements GithubInbox {

    private final Map<WebhookId, InboxEntry> entries = new LinkedHashMap<>();

    @Override
    public synchronized boolean append(InboxEntry entry) {
        return entries.putIfAbsent(entry.deliveryId(), entry) == null;
    }

    @Override
    public synchronized List<InboxEntry> newestFirst(int limit) {
        List<InboxEntry> all = new ArrayList<>(entries.values());
        java.util.Collections.reverse(all);
        return all.stream()
                .sorted(Comparator.comparing(InboxEntry::receivedAt).reversed())
                .limit(limit)
                .toList();
    }
}
