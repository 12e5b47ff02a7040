package io.hookguard.domain.queue;

import io.hookguard.domain.idempotency.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/** The id of one phase entry, client-given or generated: 1..128 characters of letters, digits and {@code . _ : -}. */
public record QueueId(String value) {

    public static final int MAX_LENGTH = 128;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public QueueId {
        Objects.requireNonNull(value, "'queue_id' is required");
        if (!FORM.matcher(value).matches()) {
            throw new InvalidInputException("queue_id", "must be 1..128 characters of letters, digits, '.', '_', ':' and '-'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
