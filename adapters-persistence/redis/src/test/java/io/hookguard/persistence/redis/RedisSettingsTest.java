package io.hookguard.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisSettingsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RETENTION = Duration.ofDays(7);

    @ParameterizedTest
    @ValueSource(strings = {"redis://user:s3cret@cache:6379/0", "redis://s3cret@cache", "rediss://:s3cret@cache:6380"})
    void passwordIsMaskedWhenPrinted(String url) {
        String printed = new RedisSettings(url, TIMEOUT, RETENTION).toString();

        assertThat(printed).doesNotContain("s3cret").contains("****@cache");
    }

    @Test
    void usernameAndUrlWithoutPasswordArePrintedAsTheyAre() {
        assertThat(new RedisSettings("redis://user:pw@cache", TIMEOUT, RETENTION).toString())
                .contains("redis://user:****@cache");
        assertThat(new RedisSettings("redis://127.0.0.1:6379", TIMEOUT, RETENTION).toString())
                .contains("url=redis://127.0.0.1:6379,");
    }

    @Test
    void keyPrefixDefaultsToHookguard() {
        assertThat(new RedisSettings("redis://cache", TIMEOUT, RETENTION).keyPrefix()).isEqualTo("hookguard:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "http://cache:6379", "cache:6379"})
    void urlMustBeARedisUri(String url) {
        assertThatIllegalArgumentException().isThrownBy(() -> new RedisSettings(url, TIMEOUT, RETENTION))
                .withMessageStartingWith("'url' must be a Redis URI");
    }

    @Test
    void invalidUrlIsNotEchoedInTheMessage() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RedisSettings("http://user:s3cret@cache", TIMEOUT, RETENTION))
                .withMessageNotContaining("s3cret");
    }

    @Test
    void durationsMustBeAtLeastOneMillisecond() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RedisSettings("redis://cache", Duration.ZERO, RETENTION))
                .withMessage("'commandTimeout' must be at least 1 ms");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RedisSettings("redis://cache", TIMEOUT, Duration.ofDays(-1)))
                .withMessage("'retention' must be at least 1 ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space:", "tab\t:"})
    void keyPrefixMustBeNonEmptyWithoutWhitespace(String prefix) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RedisSettings("redis://cache", TIMEOUT, RETENTION, prefix))
                .withMessageStartingWith("'keyPrefix' must be 1..128 characters");
    }
}
