package io.hookguard.domain.github;

import io.hookguard.domain.idempotency.InvalidInputException;
import io.hookguard.domain.idempotency.Text;
import io.hookguard.domain.idempotency.WebhookId;
import java.time.Instant;
import java.util.Objects;

/**
 * An accepted GitHub delivery as kept in the inbox.
 *
 * @param action     the payload's {@code action}, if any
 * @param repository the payload's {@code repository.full_name}, if any
 * @param payload    the raw body as sent (UTF-8 JSON)
 */
public record InboxEntry(
        WebhookId deliveryId, GithubEvent event, String action, String repository, String payload, Instant receivedAt) {

    public static final int MAX_ACTION_LENGTH = 100;
    public static final int MAX_REPOSITORY_LENGTH = 255;
    public static final String ACTION_RULE = "must be at most 100 characters, without control characters";
    public static final String REPOSITORY_RULE = "must be at most 255 characters, without control characters";

    public InboxEntry {
        Objects.requireNonNull(deliveryId, "'deliveryId' is required");
        Objects.requireNonNull(event, "'event' is required");
        Objects.requireNonNull(payload, "'payload' is required");
        Objects.requireNonNull(receivedAt, "'receivedAt' is required");
        if (action != null && !fits(action, MAX_ACTION_LENGTH)) {
            throw new InvalidInputException("action", ACTION_RULE);
        }
        if (repository != null && !fits(repository, MAX_REPOSITORY_LENGTH)) {
            throw new InvalidInputException("repository", REPOSITORY_RULE);
        }
    }

    /** Whether an action or repository name fits its column: short enough, no control characters (no NUL). */
    public static boolean fits(String value, int maxLength) {
        return value.length() <= maxLength && !Text.hasControlCharacter(value);
    }
}
