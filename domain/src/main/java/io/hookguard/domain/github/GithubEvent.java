package io.hookguard.domain.github;

import io.hookguard.domain.idempotency.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/** The {@code X-GitHub-Event} name of a delivery, such as {@code issues} or {@code ping}. */
public record GithubEvent(String name) {

    private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9_]{0,99}");

    public static final GithubEvent PING = new GithubEvent("ping");

    public GithubEvent {
        Objects.requireNonNull(name, "'X-GitHub-Event' is required");
        if (!FORM.matcher(name).matches()) {
            throw new InvalidInputException("event", "must be 1..100 characters of a-z, 0-9 and '_', starting with a letter");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
