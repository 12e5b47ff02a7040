package io.hookguard.domain.github;

import java.util.List;

/** The inbox accepted GitHub deliveries are appended to. Every implementation passes {@code GithubInboxContract}. */
public interface GithubInbox {

    /** Appends the entry; returns false, changing nothing, when the delivery id is already in the inbox. */
    boolean append(InboxEntry entry);

    /** The most recently received entries, newest first. */
    List<InboxEntry> newestFirst(int limit);
}
