package io.hookguard.persistence.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Redis server tests run against: the one named by {@value #URL_VARIABLE}, else a Testcontainers Redis where
 * Docker exists; without either, a test that asks for it is skipped with a message that says why.
 */
public final class RedisTestServer {

    public static final String URL_VARIABLE = "HOOKGUARD_TEST_REDIS_URL";
    public static final String SKIP_MESSAGE =
            "Redis tests skipped: set " + URL_VARIABLE + " or provide Docker for Testcontainers";

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private static String url;
    private static RedisCommands<String, String> inspection;

    private RedisTestServer() {
    }

    /** The server's URL; aborts the calling test when there is no server. */
    public static synchronized String url() {
        if (url == null) {
            url = locate();
        }
        if (url.isEmpty()) {
            Assumptions.abort(SKIP_MESSAGE);
        }
        return url;
    }

    /** A key prefix no other test uses, so that tests share the server without seeing each other's keys. */
    public static String uniquePrefix() {
        return "hgtest:" + UUID.randomUUID() + ":";
    }

    public static RedisSettings settings(String keyPrefix, Duration retention) {
        return new RedisSettings(url(), COMMAND_TIMEOUT, retention, keyPrefix);
    }

    /** A connection of the test's own, to look at and change keys behind the store's back. */
    public static synchronized RedisCommands<String, String> commands() {
        if (inspection == null) {
            RedisURI uri = RedisURI.create(url());
            uri.setTimeout(COMMAND_TIMEOUT);
            inspection = RedisClient.create(uri).connect().sync();
        }
        return inspection;
    }

    /** Every key under the prefix. */
    public static List<String> keys(String keyPrefix) {
        List<String> found = new ArrayList<>();
        ScanArgs match = ScanArgs.Builder.matches(keyPrefix + "*").limit(500);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = commands().scan(cursor, match);
            found.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return found;
    }

    /** Removes every key under the prefix (never the whole server: it may be shared). */
    public static void deleteKeys(String keyPrefix) {
        List<String> found = keys(keyPrefix);
        if (!found.isEmpty()) {
            commands().unlink(found.toArray(String[]::new));
        }
    }

    private static String locate() {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse("redis:7-alpine"))
                    .withExposedPorts(6379);
            redis.start();
            return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
        }
        LoggerFactory.getLogger(RedisTestServer.class).warn(SKIP_MESSAGE);
        return "";
    }
}
