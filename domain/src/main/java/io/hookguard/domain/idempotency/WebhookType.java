package io.hookguard.domain.idempotency;

import java.util.Objects;
import java.util.regex.Pattern;

/** The kind of sender a key belongs to; keys are unique only within one type. */
public record WebhookType(String value) {

    private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public static final WebhookType WORKFLOW_COMPLETE = new WebhookType("workflow_complete");
    public static final WebhookType GITHUB = new WebhookType("github");

    public WebhookType {
        Objects.requireNonNull(value, "'webhookType' is required");
        if (!FORM.matcher(value).matches()) {
            throw new InvalidInputException("webhookType", "must be 1..64 characters of a-z, 0-9 and '_', starting with a letter");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
