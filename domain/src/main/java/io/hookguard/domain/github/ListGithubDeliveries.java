package io.hookguard.domain.github;

import java.util.List;
import java.util.Objects;

/** Lists the inbox, newest first. */
public final class ListGithubDeliveries {

    public static final int MAX_LIMIT = 500;

    private final GithubInbox inbox;

    public ListGithubDeliveries(GithubInbox inbox) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
    }

    public List<InboxEntry> newestFirst(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("'limit' must be 1.." + MAX_LIMIT);
        }
        return inbox.newestFirst(limit);
    }
}
