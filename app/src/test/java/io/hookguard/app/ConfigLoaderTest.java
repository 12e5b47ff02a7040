package io.hookguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookguard.domain.idempotency.WebhookType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void defaultsFollowTheSpec() {
        HookguardConfig config = ConfigLoader.load(Map.of());

        assertThat(config.port()).isEqualTo(8002);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.embedded()).isTrue();
        assertThat(config.effectiveDatabaseUrl()).startsWith("jdbc:h2:file:").contains("MODE=PostgreSQL");
        assertThat(config.policy().windowFor(WebhookType.WORKFLOW_COMPLETE)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.policy().windowFor(WebhookType.GITHUB)).isEqualTo(Duration.ofDays(7));
        assertThat(config.policy().retention()).isEqualTo(Duration.ofDays(7));
        assertThat(config.policy().lease()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.lockTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.cleanupInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(config.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(config.store()).isEqualTo(HookguardConfig.Store.DATABASE);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void idleTimeoutIsConfigurable() {
        assertThat(ConfigLoader.load(Map.of("HOOKGUARD_IDLE_TIMEOUT", "5s")).idleTimeout())
                .isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("HOOKGUARD_IDLE_TIMEOUT", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("HOOKGUARD_IDLE_TIMEOUT");
    }

    @Test
    void defaultBindIsAllInterfacesOnlyWhenBothIntakesAreSignedAndAnAdminTokenIsSet() {
        assertThat(ConfigLoader.load(Map.of("HOOKGUARD_WEBHOOK_SECRET", "s1", "HOOKGUARD_GITHUB_SECRET", "s2",
                "HOOKGUARD_ADMIN_TOKEN", "t")).host()).isEqualTo("0.0.0.0");
    }

    @Test
    void defaultBindIsLoopbackWhenBothIntakesAreSignedButNoAdminTokenIsSet() {
        assertThat(ConfigLoader.load(Map.of("HOOKGUARD_WEBHOOK_SECRET", "s1", "HOOKGUARD_GITHUB_SECRET", "s2")).host())
                .isEqualTo("127.0.0.1");
    }

    @Test
    void defaultBindIsLoopbackWhenAnIntakeIsUnsignedEvenWithAnAdminToken() {
        assertThat(ConfigLoader.load(Map.of("HOOKGUARD_WEBHOOK_SECRET", "s1", "HOOKGUARD_ADMIN_TOKEN", "t")).host())
                .isEqualTo("127.0.0.1");
        assertThat(ConfigLoader.load(Map.of("HOOKGUARD_GITHUB_SECRET", "s2", "HOOKGUARD_ADMIN_TOKEN", "t")).host())
                .isEqualTo("127.0.0.1");
        assertThat(ConfigLoader.load(Map.of()).host()).isEqualTo("127.0.0.1");
    }

    @Test
    void explicitHostIsKeptWhenEverythingIsProtected() {
        assertThat(ConfigLoader.load(Map.of("HOOKGUARD_HOST", "10.1.2.3", "HOOKGUARD_WEBHOOK_SECRET", "s1",
                "HOOKGUARD_GITHUB_SECRET", "s2", "HOOKGUARD_ADMIN_TOKEN", "t")).host()).isEqualTo("10.1.2.3");
    }

    @Test
    void explicitLoopbackHostIsAllowedWithNothingProtected() {
        assertThat(ConfigLoader.load(Map.of("HOOKGUARD_HOST", "localhost")).host()).isEqualTo("localhost");
    }

    @Test
    void explicitNonLoopbackHostWithAnUnsignedIntakeIsRefusedNamingIt() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("HOOKGUARD_HOST", "0.0.0.0",
                "HOOKGUARD_GITHUB_SECRET", "s2", "HOOKGUARD_ADMIN_TOKEN", "t")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HOOKGUARD_HOST=0.0.0.0 is not a loopback address, but signatures are not verified for "
                        + "workflow_complete: verify every source and set HOOKGUARD_ADMIN_TOKEN, or bind 127.0.0.1");
    }

    @Test
    void explicitNonLoopbackHostWithoutAdminTokenIsRefusedNamingIt() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("HOOKGUARD_HOST", "0.0.0.0",
                "HOOKGUARD_WEBHOOK_SECRET", "s1", "HOOKGUARD_GITHUB_SECRET", "s2")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HOOKGUARD_HOST=0.0.0.0 is not a loopback address, but no HOOKGUARD_ADMIN_TOKEN is set: "
                        + "verify every source and set HOOKGUARD_ADMIN_TOKEN, or bind 127.0.0.1");
    }

    @Test
    void explicitNonLoopbackHostWithNothingProtectedIsRefusedNamingEverything() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("HOOKGUARD_HOST", "0.0.0.0")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HOOKGUARD_HOST=0.0.0.0 is not a loopback address, but signatures are not verified for "
                        + "workflow_complete, github and no HOOKGUARD_ADMIN_TOKEN is set: verify every source and set "
                        + "HOOKGUARD_ADMIN_TOKEN, or bind 127.0.0.1");
    }

    @Test
    void explicitNonLoopbackHostWithAnUnverifiedDeclaredSourceIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("hookguard.yaml"), "sources:\n  acme:\n    verify: none\n"
                + "    key: header:X-Acme-Delivery\n");

        assertThatThrownBy(() -> ConfigLoader.load(Map.of("HOOKGUARD_HOST", "0.0.0.0", "HOOKGUARD_CONFIG",
                file.toString(), "HOOKGUARD_WEBHOOK_SECRET", "s1", "HOOKGUARD_GITHUB_SECRET", "s2",
                "HOOKGUARD_ADMIN_TOKEN", "t")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HOOKGUARD_HOST=0.0.0.0 is not a loopback address, but signatures are not verified for "
                        + "acme: verify every source and set HOOKGUARD_ADMIN_TOKEN, or bind 127.0.0.1");
    }

    @Test
    void declaredSourcesTakeTheirWindowsIntoThePolicy(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("hookguard.yaml"), "sources:\n  acme:\n    verify: hmac\n"
                + "    header: X-Acme-Signature\n    secrets: [\"s\"]\n    key: header:X-Acme-Delivery\n"
                + "    window: 3d\n");

        HookguardConfig config = ConfigLoader.load(Map.of("HOOKGUARD_CONFIG", file.toString()));

        assertThat(config.policy().windowFor(new WebhookType("acme"))).isEqualTo(Duration.ofDays(3));
        assertThat(config.sources().declaredSources()).extracting(source -> source.name()).containsExactly("acme");
        assertThat(config.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        HookguardConfig config = ConfigLoader.load(Map.of(
                "HOOKGUARD_DEDUP_WINDOW_WORKFLOW_COMPLETE", "5m",
                "HOOKGUARD_RETENTION", "P2D",
                "HOOKGUARD_LEASE", "PT90S",
                "HOOKGUARD_LOCK_TIMEOUT", "250ms",
                "HOOKGUARD_CLEANUP_INTERVAL", "2h"));

        assertThat(config.policy().windowFor(WebhookType.WORKFLOW_COMPLETE)).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.policy().windowFor(WebhookType.GITHUB)).isEqualTo(Duration.ofDays(2));
        assertThat(config.policy().lease()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.lockTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.cleanupInterval()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void sizesAcceptBytesAndBinaryUnits() {
        assertThat(ConfigLoader.load(Map.of("HOOKGUARD_MAX_BODY", "512KiB")).maxBodyBytes()).isEqualTo(512 * 1024);
        assertThat(ConfigLoader.load(Map.of("HOOKGUARD_MAX_BODY", "2048")).maxBodyBytes()).isEqualTo(2048);
    }

    @Test
    void invalidValuesFailWithOneLineNamingTheVariableAndTheForm() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("HOOKGUARD_PORT", "eighty")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("HOOKGUARD_PORT must be a whole number from 0 to 65535, not 'eighty'");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("HOOKGUARD_LEASE", "soon")))
                .hasMessageStartingWith("HOOKGUARD_LEASE must be a positive duration such as");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("HOOKGUARD_RETENTION", "0s")))
                .hasMessageStartingWith("HOOKGUARD_RETENTION must be a positive duration");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("HOOKGUARD_DATABASE_URL", "postgres://x")))
                .hasMessageStartingWith("HOOKGUARD_DATABASE_URL must be a JDBC URL");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("HOOKGUARD_MAX_BODY", "1TB")))
                .hasMessageStartingWith("HOOKGUARD_MAX_BODY must be a size");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("HOOKGUARD_STORE", "mongo")))
                .hasMessageStartingWith("HOOKGUARD_STORE must be 'database' or 'redis'");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(
                "HOOKGUARD_RETENTION", "1d", "HOOKGUARD_DEDUP_WINDOW_GITHUB", "2d")))
                .hasMessageContaining("HOOKGUARD_RETENTION");
    }

    @Test
    void secretsNeverAppearInTheSummaryOrInErrors() {
        HookguardConfig config = ConfigLoader.load(Map.of(
                "HOOKGUARD_WEBHOOK_SECRET", "wh-secret-value",
                "HOOKGUARD_GITHUB_SECRET", "gh-secret-value",
                "HOOKGUARD_ADMIN_TOKEN", "admin-token-value",
                "HOOKGUARD_DATABASE_URL", "jdbc:postgresql://db:5432/hg?user=hg&password=db-password-value",
                "HOOKGUARD_DATABASE_PASSWORD", "other-db-password"));

        String summary = config.summary("1.0") + config;
        assertThat(summary).doesNotContain("wh-secret-value", "gh-secret-value", "admin-token-value",
                "db-password-value", "other-db-password");
        assertThat(summary).contains("password=****", "signatures workflow-complete=verified github=verified");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("HOOKGUARD_ADMIN_TOKEN", "   ")))
                .hasMessage("HOOKGUARD_ADMIN_TOKEN must not be only white space (unset it to turn it off)");
    }

    @Test
    void userInfoPasswordsAreMaskedInUrls() {
        assertThat(UrlMasking.mask("redis://user:s3cret@host:6379")).isEqualTo("redis://user:****@host:6379");
    }
}
