package io.hookguard.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    private static final String URL = "jdbc:postgresql://db:5432/hookguard";

    @Test
    void defaultsArePoolOfTenAndFiveSecondLockTimeout() {
        DatabaseSettings settings = DatabaseSettings.of(URL);

        assertThat(settings.poolSize()).isEqualTo(10);
        assertThat(settings.lockTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.user()).isNull();
        assertThat(settings.password()).isNull();
    }

    @Test
    void invalidSettingsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> DatabaseSettings.of("postgresql://db/hookguard"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'jdbcUrl'");
        assertThatThrownBy(() -> DatabaseSettings.of(URL).withPoolSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'poolSize'");
        assertThatThrownBy(() -> DatabaseSettings.of(URL).withLockTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'lockTimeout'");
        assertThatThrownBy(() -> DatabaseSettings.of(URL).withLockTimeout(Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'lockTimeout'");
        assertThatThrownBy(() -> new DatabaseSettings(null, null, null, 1, Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("'jdbcUrl'");
    }

    @Test
    void passwordsNeverShowInTheTextForm() {
        DatabaseSettings settings = new DatabaseSettings(URL + "?user=app&password=url-secret", "app", "field-secret",
                4, Duration.ofSeconds(2));

        assertThat(settings.toString())
                .doesNotContain("url-secret", "field-secret")
                .contains("password=****", "user=app", "poolSize=4");
        assertThat(settings.redactedJdbcUrl()).isEqualTo(URL + "?user=app&password=****");
    }
}
