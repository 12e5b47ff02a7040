package io.hookguard.http.source;

import java.util.Objects;
import java.util.Optional;

/**
 * Where one source finds a delivery's idempotency key (required) and event type (optional), and their
 * extraction: a key must be 1..255 characters and not blank, an event type at most 255 characters.
 */
public record SourceFields(FieldRule key, Optional<FieldRule> event) {

    public static final int MAX_LENGTH = 255;

    /** What was extracted from one delivery. */
    public record Extracted(String key, Optional<String> event) {
        public Extracted {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(event, "event");
        }
    }

    public SourceFields {
        Objects.requireNonNull(key, "'key' is required");
        Objects.requireNonNull(event, "event");
    }

    /**
     * The configured rules, falling back to the scheme's defaults.
     *
     * @param key the configured key rule, or empty to use the scheme's default
     * @param event the configured event rule, or empty to use the scheme's default (if it has one)
     * @throws IllegalArgumentException naming {@code 'key'} when neither the configuration nor the scheme says
     *     where the key is (the {@code hmac} and {@code none} schemes)
     */
    public static SourceFields of(SignatureScheme scheme, Optional<FieldRule> key, Optional<FieldRule> event) {
        FieldRule keyRule = key.or(scheme::defaultKey).orElseThrow(() -> new IllegalArgumentException(
                "'key' is required with verify: " + scheme.name() + "; " + FieldRule.ACCEPTED));
        return new SourceFields(keyRule, event.or(scheme::defaultEvent));
    }

    /** The key and event type of one delivery, from its headers and body (parsed only if a rule needs it). */
    public Extracted extract(RequestHeaders headers, byte[] body) {
        return extract(headers, JsonBody.of(body));
    }

    /**
     * The key and event type of one delivery.
     *
     * @throws BadDeliveryException naming where the key was looked for when it is missing, blank or longer than 255
     *     characters, or where the event type was when that is longer than 255 characters
     */
    public Extracted extract(RequestHeaders headers, JsonBody body) {
        String where = key.where();
        String keyValue = key.find(headers, body).orElseThrow(() -> new BadDeliveryException(where,
                "the idempotency key is missing: nothing at " + where));
        if (keyValue.isBlank()) {
            throw new BadDeliveryException(where, "the idempotency key at " + where + " is empty");
        }
        if (keyValue.length() > MAX_LENGTH) {
            throw new BadDeliveryException(where, "the idempotency key at " + where + " is " + keyValue.length()
                    + " characters long; at most " + MAX_LENGTH + " are accepted");
        }
        Optional<String> eventValue = event.flatMap(rule -> rule.find(headers, body)).filter(text -> !text.isEmpty());
        if (eventValue.isPresent() && eventValue.get().length() > MAX_LENGTH) {
            String eventWhere = event.get().where();
            throw new BadDeliveryException(eventWhere, "the event type at " + eventWhere + " is "
                    + eventValue.get().length() + " characters long; at most " + MAX_LENGTH + " are accepted");
        }
        return new Extracted(keyValue, eventValue);
    }
}
