package io.hookguard.persistence;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach the database: a JDBC URL ({@code jdbc:postgresql:} or {@code jdbc:h2:}), optional credentials,
 * the size of the connection pool and how long a unit of work waits for a row lock before giving up.
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize, Duration lockTimeout) {

    public static final int DEFAULT_POOL_SIZE = 10;
    public static final int MAX_POOL_SIZE = 500;
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration MAX_LOCK_TIMEOUT = Duration.ofMinutes(10);

    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&;]*");

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "'jdbcUrl' is required");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("'jdbcUrl' must be a JDBC URL starting with 'jdbc:'");
        }
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("'poolSize' must be 1.." + MAX_POOL_SIZE);
        }
        Objects.requireNonNull(lockTimeout, "'lockTimeout' is required");
        if (lockTimeout.toMillis() < 1 || lockTimeout.compareTo(MAX_LOCK_TIMEOUT) > 0) {
            throw new IllegalArgumentException("'lockTimeout' must be between 1 ms and " + MAX_LOCK_TIMEOUT);
        }
    }

    /** Settings with the default pool size and lock timeout, credentials (if any) taken from the URL. */
    public static DatabaseSettings of(String jdbcUrl) {
        return new DatabaseSettings(jdbcUrl, null, null, DEFAULT_POOL_SIZE, DEFAULT_LOCK_TIMEOUT);
    }

    public DatabaseSettings withCredentials(String newUser, String newPassword) {
        return new DatabaseSettings(jdbcUrl, newUser, newPassword, poolSize, lockTimeout);
    }

    public DatabaseSettings withPoolSize(int newPoolSize) {
        return new DatabaseSettings(jdbcUrl, user, password, newPoolSize, lockTimeout);
    }

    public DatabaseSettings withLockTimeout(Duration newLockTimeout) {
        return new DatabaseSettings(jdbcUrl, user, password, poolSize, newLockTimeout);
    }

    /** The URL with any {@code password=} parameter masked, for logs and messages. */
    public String redactedJdbcUrl() {
        return PASSWORD_IN_URL.matcher(jdbcUrl).replaceAll("$1****");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + redactedJdbcUrl() + ", user=" + user
                + ", password=" + (password == null ? null : "****")
                + ", poolSize=" + poolSize + ", lockTimeout=" + lockTimeout + "]";
    }
}
