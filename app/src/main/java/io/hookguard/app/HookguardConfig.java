package io.hookguard.app;

import io.hookguard.app.config.FileConfig;
import io.hookguard.domain.idempotency.IdempotencyPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the app is configured with, validated. Secrets are held here but never printed:
 * {@link #toString()} and {@link #summary(String)} mask them.
 */
public record HookguardConfig(
        String host,
        int port,
        Store store,
        Optional<String> databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        Path dataDirectory,
        String redisUrl,
        String redisKeyPrefix,
        Optional<String> webhookSecret,
        Optional<String> githubSecret,
        Optional<String> adminToken,
        IdempotencyPolicy policy,
        Duration lockTimeout,
        Duration cleanupInterval,
        int cleanupBatchSize,
        long maxBodyBytes,
        int poolSize,
        Duration shutdownGrace,
        Duration idleTimeout,
        FileConfig sources) {

    /** Where idempotency keys are kept; the phase queue and inbox are always in the relational database. */
    public enum Store {
        DATABASE,
        REDIS
    }

    public HookguardConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(databaseUser, "databaseUser");
        Objects.requireNonNull(databasePassword, "databasePassword");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(redisKeyPrefix, "redisKeyPrefix");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        Objects.requireNonNull(githubSecret, "githubSecret");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(cleanupInterval, "cleanupInterval");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(sources, "sources");
    }

    /** The JDBC URL in use: the configured PostgreSQL, or the embedded H2 file database under the data directory. */
    public String effectiveDatabaseUrl() {
        return databaseUrl.orElseGet(() -> "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("hookguard")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE");
    }

    public boolean embedded() {
        return databaseUrl.isEmpty();
    }

    /** One line for the start-up log: no secret, no password. */
    public String summary(String version) {
        return "Hookguard " + version
                + " | store " + (store == Store.REDIS ? "redis " + UrlMasking.mask(redisUrl) + " + " : "")
                + (embedded() ? "embedded H2 " + dataDirectory.toAbsolutePath() : UrlMasking.mask(effectiveDatabaseUrl()))
                + databaseUser.map(user -> " as " + user).orElse("")
                + " | bind " + host + ":" + port
                + " | window workflow_complete=" + Durations.format(policy.windowFor(
                        io.hookguard.domain.idempotency.WebhookType.WORKFLOW_COMPLETE))
                + " github=" + Durations.format(policy.windowFor(io.hookguard.domain.idempotency.WebhookType.GITHUB))
                + " retention=" + Durations.format(policy.retention())
                + " lease=" + Durations.format(policy.lease())
                + " | signatures workflow-complete=" + (webhookSecret.isPresent() ? "verified" : "OFF")
                + " github=" + (githubSecret.isPresent() ? "verified" : "OFF")
                + " | admin token " + (adminToken.isPresent() ? "required" : "OFF");
    }

    @Override
    public String toString() {
        return summary("config");
    }
}
