package io.hookguard.persistence.redis;

import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;

/**
 * The key layout of the store: a hash per event at {@code {prefix}event:{type}:{id}}, a sorted set
 * {@code {prefix}received} of {@code {type}:{id}} scored by receipt time, and a set {@code {prefix}id:{id}} of the
 * types that have the id. A type never contains ':', so the first ':' of a member separates type and id; the
 * scripts rely on this layout too.
 */
record RedisKeys(String prefix) {

    String event(WebhookType type, WebhookId id) {
        return prefix + "event:" + member(type, id);
    }

    String received() {
        return prefix + "received";
    }

    String typesOf(WebhookId id) {
        return prefix + "id:" + id.value();
    }

    /** The event's member in the received index. */
    static String member(WebhookType type, WebhookId id) {
        return type.value() + ":" + id.value();
    }

    /** The keys a script that writes one event declares, in this order. */
    String[] ofEvent(WebhookType type, WebhookId id) {
        return new String[] {event(type, id), received(), typesOf(id)};
    }
}
