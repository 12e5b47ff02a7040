package io.hookguard.persistence.redis;

import io.hookguard.domain.idempotency.EventStatus;
import io.hookguard.domain.idempotency.Fingerprint;
import io.hookguard.domain.idempotency.WebhookEvent;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an event hash into the domain's {@link WebhookEvent}, and instants into the integer epoch microseconds the
 * hash and the scripts keep (exact in Lua's doubles up to 2^53 µs, about the year 2255).
 */
final class RedisEventMapper {

    static final String TYPE = "type";
    static final String WEBHOOK_ID = "webhook_id";
    static final String STATUS = "status";
    static final String FINGERPRINT = "fingerprint";
    static final String ADW_ID = "adw_id";
    static final String ISSUE_NUMBER = "issue_number";
    static final String RECEIVED_AT = "received_at";
    static final String LOCKED_UNTIL = "locked_until";
    static final String COMPLETED_AT = "completed_at";
    static final String ATTEMPTS = "attempts";
    static final String RESPONSE = "response";
    static final String LAST_ERROR = "last_error";
    static final String EVENT_TYPE = "event_type";
    static final String CONTENT_TYPE = "content_type";
    static final String REQUEST_HEADERS = "request_headers";
    static final String REQUEST_BODY = "request_body";

    /** The fields an event is read from: all but the stored request's content type, headers and body. */
    static final String[] EVENT_FIELDS = {TYPE, WEBHOOK_ID, STATUS, FINGERPRINT, ADW_ID, ISSUE_NUMBER, RECEIVED_AT,
        LOCKED_UNTIL, COMPLETED_AT, ATTEMPTS, RESPONSE, LAST_ERROR, EVENT_TYPE};

    private static final long MAX_EXACT_MICROS = 1L << 53;
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private RedisEventMapper() {
    }

    static WebhookEvent toEvent(Map<String, String> hash) {
        return new WebhookEvent(
                new WebhookType(required(hash, TYPE)),
                new WebhookId(required(hash, WEBHOOK_ID)),
                EventStatus.valueOf(required(hash, STATUS)),
                new Fingerprint(required(hash, FINGERPRINT)),
                hash.get(ADW_ID),
                hash.containsKey(ISSUE_NUMBER) ? Integer.valueOf(hash.get(ISSUE_NUMBER)) : null,
                instant(required(hash, RECEIVED_AT)),
                optionalInstant(hash.get(LOCKED_UNTIL)),
                optionalInstant(hash.get(COMPLETED_AT)),
                Integer.parseInt(required(hash, ATTEMPTS)),
                hash.get(RESPONSE),
                hash.get(LAST_ERROR),
                hash.get(EVENT_TYPE));
    }

    /** An event from a script's flat reply: field, value, field, value, ... */
    static WebhookEvent toEvent(List<?> flatHash) {
        Map<String, String> hash = new HashMap<>();
        for (int i = 0; i + 1 < flatHash.size(); i += 2) {
            hash.put((String) flatHash.get(i), (String) flatHash.get(i + 1));
        }
        return toEvent(hash);
    }

    /** Epoch microseconds, the precision the store keeps; anything finer is truncated. */
    static String micros(Instant instant) {
        long micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND),
                instant.getNano() / 1_000);
        if (Math.abs(micros) > MAX_EXACT_MICROS) {
            throw new IllegalArgumentException("instant " + instant + " is out of the range the Redis store keeps");
        }
        return Long.toString(micros);
    }

    static Instant instant(String micros) {
        long value = Long.parseLong(micros);
        return Instant.ofEpochSecond(Math.floorDiv(value, MICROS_PER_SECOND),
                Math.floorMod(value, MICROS_PER_SECOND) * 1_000);
    }

    private static Instant optionalInstant(String micros) {
        return micros == null ? null : instant(micros);
    }

    private static String required(Map<String, String> hash, String field) {
        String value = hash.get(field);
        if (value == null) {
            throw new IllegalStateException("event hash without '" + field + "'");
        }
        return value;
    }
}
