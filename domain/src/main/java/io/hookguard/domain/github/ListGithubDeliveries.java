package io.hookguard.domain.github;

import io.hookguard.domain.idempotency.ListLimit;
import java.util.List;
import java.util.Objects;

/** Lists the inbox, newest first. */
public final class ListGithubDeliveries {

    public static final int MAX_LIMIT = ListLimit.MAX;

    private final GithubInbox inbox;

    public ListGithubDeliveries(GithubInbox inbox) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
    }

    public List<InboxEntry> newestFirst(int limit) {
        return inbox.newestFirst(ListLimit.checked(limit));
    }
}
