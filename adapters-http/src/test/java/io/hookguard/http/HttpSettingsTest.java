package io.hookguard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpSettingsTest {

    @Test
    void toStringNeverShowsSecretsOrToken() {
        HttpSettings settings = new HttpSettings("wf-s3cret", "gh-s3cret", "t0ken", 2048);

        assertThat(settings.toString()).doesNotContain("wf-s3cret", "gh-s3cret", "t0ken")
                .contains("webhookSecret=****", "maxBodyBytes=2048");
        assertThat(HttpSettings.unsecured().toString()).contains("adminToken=<not set>");
    }

    @Test
    void blankSecretIsRefusedRatherThanTakenAsASecret() {
        assertThatThrownBy(() -> new HttpSettings(" ", null, null, 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'webhookSecret'");
        assertThatThrownBy(() -> new HttpSettings(null, "", null, 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'githubSecret'");
        assertThatThrownBy(() -> new HttpSettings(null, null, "\t", 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'adminToken'");
    }

    @Test
    void bodyLimitMustBePositiveAndAtMostOneGibibyte() {
        assertThatThrownBy(() -> new HttpSettings(null, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'maxBodyBytes'");
        assertThatThrownBy(() -> new HttpSettings(null, null, null, (1L << 30) + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'maxBodyBytes'");
        assertThat(new HttpSettings(null, null, null, 1L << 30).maxBodyBytes()).isEqualTo(1L << 30);
    }
}
