package io.hookguard.persistence.redis;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the Redis idempotency store lives and how it behaves.
 *
 * @param url            a Redis URI, {@code redis://[[user:]password@]host[:port][/database]} ({@code rediss://} for TLS)
 * @param commandTimeout how long a connect or a command may take before the store counts as unavailable
 * @param retention      the TTL of every key, so that Redis expires what cleanup would delete
 * @param keyPrefix      put before every key, so that several stores can share one server
 */
public record RedisSettings(String url, Duration commandTimeout, Duration retention, String keyPrefix) {

    public static final String DEFAULT_KEY_PREFIX = "hookguard:";
    public static final int MAX_KEY_PREFIX_LENGTH = 128;

    public RedisSettings {
        Objects.requireNonNull(url, "'url' is required");
        requirePositiveMillis(commandTimeout, "commandTimeout");
        requirePositiveMillis(retention, "retention");
        Objects.requireNonNull(keyPrefix, "'keyPrefix' is required");
        if (!isRedisUri(url)) {
            throw new IllegalArgumentException(
                    "'url' must be a Redis URI such as redis://[[user:]password@]host[:port][/database]");
        }
        if (keyPrefix.isEmpty() || keyPrefix.length() > MAX_KEY_PREFIX_LENGTH
                || keyPrefix.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException(
                    "'keyPrefix' must be 1.." + MAX_KEY_PREFIX_LENGTH + " characters without whitespace");
        }
    }

    /** Settings with the default key prefix {@value #DEFAULT_KEY_PREFIX}. */
    public RedisSettings(String url, Duration commandTimeout, Duration retention) {
        this(url, commandTimeout, retention, DEFAULT_KEY_PREFIX);
    }

    /** Shows the URL with its password masked. */
    @Override
    public String toString() {
        return "RedisSettings[url=" + maskPassword(url) + ", commandTimeout=" + commandTimeout + ", retention="
                + retention + ", keyPrefix=" + keyPrefix + "]";
    }

    static String maskPassword(String url) {
        int authority = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (authority < 0 || at < authority) {
            return url;
        }
        String userInfo = url.substring(authority + 3, at);
        int colon = userInfo.indexOf(':');
        String masked = colon < 0 ? "****" : userInfo.substring(0, colon) + ":****";
        return url.substring(0, authority + 3) + masked + url.substring(at);
    }

    private static boolean isRedisUri(String url) {
        if (url.isBlank()) {
            return false;
        }
        try {
            RedisURI.create(url);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void requirePositiveMillis(Duration duration, String name) {
        Objects.requireNonNull(duration, "'" + name + "' is required");
        if (duration.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("'" + name + "' must be at least 1 ms");
        }
    }
}
