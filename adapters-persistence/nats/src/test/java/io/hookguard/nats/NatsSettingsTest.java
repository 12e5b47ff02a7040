package io.hookguard.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookguard.domain.outbox.DestinationName;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NatsSettingsTest {

    private static final DestinationName WORKERS = new DestinationName("workers");

    @ParameterizedTest
    @ValueSource(strings = {"nats://127.0.0.1:4222", "nats://nats.internal", "tls://user:pw@nats.example:4443",
            "nats://[::1]:4222"})
    void acceptsNatsUrls(String url) {
        assertThat(NatsSettings.withDefaults(WORKERS, url, "hookguard.events", "HOOKGUARD").url()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:4222", "127.0.0.1:4222", "nats://", "nats://host:4222/path", ""})
    void refusesOtherUrlsNamingTheKey(String url) {
        assertThatThrownBy(() -> NatsSettings.withDefaults(WORKERS, url, "hookguard.events", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'nats' must be");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hookguard.*", "hookguard.>", "hook guard", "hookguard..events", ".events", "events."})
    void refusesSubjectsThatCannotBePublishedTo(String subject) {
        assertThatThrownBy(() -> NatsSettings.withDefaults(WORKERS, "nats://127.0.0.1:4222", subject, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'subject' must be");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "HOOK.GUARD", "HOOK GUARD", "HOOK*", "HOOK>", "a/b"})
    void refusesStreamNamesJetStreamRejects(String stream) {
        assertThatThrownBy(() -> NatsSettings.withDefaults(WORKERS, "nats://127.0.0.1:4222", "events", stream))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'stream' must be");
    }

    @Test
    void streamIsOptional() {
        assertThat(NatsSettings.withDefaults(WORKERS, "nats://127.0.0.1:4222", "events", null).streamName())
                .isEmpty();
    }

    @Test
    void refusesAZeroAckTimeout() {
        assertThatThrownBy(() -> new NatsSettings(WORKERS, "nats://127.0.0.1:4222", "events", null, Duration.ZERO,
                Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'ackTimeout' must be at least 1 ms");
    }

    @ParameterizedTest
    @CsvSource({
            "PT10H, PT5S, PT12H30M5S",   // the default schedule: its last delay plus a quarter, plus the timeout
            "PT5S, PT5S, PT2M",          // never below JetStream's default
            "PT30H, PT5S, PT24H"         // capped: the server holds every id of the window in memory
    })
    void duplicateWindowCoversTheLongestRetryDelay(Duration longest, Duration ackTimeout, Duration window) {
        NatsSettings settings = new NatsSettings(WORKERS, "nats://127.0.0.1:4222", "events", "S", ackTimeout,
                longest);

        assertThat(settings.duplicateWindow()).isEqualTo(window);
    }

    @Test
    void toStringMasksThePassword() {
        NatsSettings settings = NatsSettings.withDefaults(WORKERS, "nats://hook:s3cret@127.0.0.1:4222", "events",
                null);

        assertThat(settings.toString()).contains("nats://hook:****@127.0.0.1:4222").doesNotContain("s3cret");
    }
}
