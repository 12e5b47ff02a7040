package io.hookguard.http.source;

import static io.hookguard.http.source.Fixtures.headers;
import static io.hookguard.http.source.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NoneSchemeTest {

    @Test
    void everyRequestPassesAsNotCheckedWithoutASecretPosition() {
        Verification verification = NoneScheme.INSTANCE.verify(headers("X-Hub-Signature-256", "garbage"), utf8("{}"),
                Instant.EPOCH);

        assertThat(verification).isEqualTo(new Verification.NotChecked());
        assertThat(verification.accepted()).isTrue();
    }

    @Test
    void hasNoDefaultKeySoTheKeyMustBeConfigured() {
        assertThat(NoneScheme.INSTANCE.defaultKey()).isEmpty();
        assertThat(NoneScheme.INSTANCE.tolerance()).isEmpty();
        assertThat(NoneScheme.INSTANCE.name()).isEqualTo("none");
    }
}
