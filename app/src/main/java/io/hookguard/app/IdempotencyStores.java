package io.hookguard.app;

import io.hookguard.domain.idempotency.WebhookEventStore;
import io.hookguard.persistence.Database;
import io.hookguard.persistence.JooqWebhookEventStore;
import io.hookguard.persistence.redis.RedisSettings;
import io.hookguard.persistence.redis.RedisWebhookEventStore;
import java.time.Duration;
import java.util.List;

/** Chooses where idempotency keys live, from configuration; the choice is made here, not inside a module. */
final class IdempotencyStores {

    /** How long a Redis command may take before the store counts as unavailable. */
    static final Duration REDIS_COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private IdempotencyStores() {
    }

    /** The configured store; one that holds its own connections is added to {@code opened} for closing. */
    static WebhookEventStore open(HookguardConfig config, Database database, List<AutoCloseable> opened) {
        return switch (config.store()) {
            case DATABASE -> new JooqWebhookEventStore(database);
            case REDIS -> {
                RedisWebhookEventStore redis = new RedisWebhookEventStore(
                        new RedisSettings(config.redisUrl(), REDIS_COMMAND_TIMEOUT, config.policy().retention(),
                                config.redisKeyPrefix()));
                opened.add(redis);
                yield redis;
            }
        };
    }
}
