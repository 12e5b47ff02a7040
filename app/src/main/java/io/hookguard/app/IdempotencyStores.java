package io.hookguard.app;

import io.hookguard.app.config.SourceConfig;
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
                refuseForwarding(config);
                RedisWebhookEventStore redis = new RedisWebhookEventStore(
                        new RedisSettings(config.redisUrl(), REDIS_COMMAND_TIMEOUT, config.policy().retention(),
                                config.redisKeyPrefix()));
                opened.add(redis);
                yield redis;
            }
        };
    }

    /**
     * With keys in Redis the claim cannot share the database transaction the outbox is written in, so a crash
     * between the completion in Redis and the commit could lose a message: a configuration that forwards is refused.
     */
    static void refuseForwarding(HookguardConfig config) {
        List<String> forwarding = config.sources().sources().stream()
                .filter(source -> !source.forward().isEmpty())
                .map(SourceConfig::name)
                .toList();
        if (!forwarding.isEmpty()) {
            throw new StartupException("HOOKGUARD_STORE=redis cannot forward (" + String.join(", ", forwarding)
                    + " name destinations in 'forward'): outbox messages must commit in the database transaction of "
                    + "the claim; use HOOKGUARD_STORE=database or remove 'forward'", null);
        }
    }
}
