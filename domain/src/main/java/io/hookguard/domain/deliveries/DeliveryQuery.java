package io.hookguard.domain.deliveries;

import io.hookguard.domain.idempotency.Text;
import io.hookguard.domain.idempotency.WebhookType;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of the delivery list: optional filters by source and outcome, an optional key search (the key
 * contains the text, case-sensitive), an optional cursor (rows strictly before it) and a page size.
 */
public record DeliveryQuery(
        Optional<WebhookType> source,
        Optional<DeliveryOutcome> outcome,
        Optional<String> keyContains,
        Optional<DeliveryCursor> before,
        int limit) {

    public static final int MAX_LIMIT = 500;
    public static final int MAX_SEARCH_LENGTH = 255;

    public DeliveryQuery {
        Objects.requireNonNull(source, "'source' is required (may be empty)");
        Objects.requireNonNull(outcome, "'outcome' is required (may be empty)");
        Objects.requireNonNull(keyContains, "'key' is required (may be empty)");
        Objects.requireNonNull(before, "'before' is required (may be empty)");
        keyContains = keyContains.filter(text -> !text.isEmpty());
        keyContains.ifPresent(text -> {
            if (text.length() > MAX_SEARCH_LENGTH || Text.hasControlCharacter(text)) {
                throw new IllegalArgumentException(
                        "'key' must be at most " + MAX_SEARCH_LENGTH + " characters without control characters");
            }
        });
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("'limit' must be 1.." + MAX_LIMIT);
        }
    }

    /** The newest {@code limit} deliveries, unfiltered. */
    public static DeliveryQuery newest(int limit) {
        return new DeliveryQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }

    public DeliveryQuery before(DeliveryCursor cursor) {
        return new DeliveryQuery(source, outcome, keyContains, Optional.of(cursor), limit);
    }
}
