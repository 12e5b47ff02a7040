package io.hookguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotencyStoresTest {

    private static final String FORWARDING = """
            destinations:
              backend:
                url: http://127.0.0.1:9000/hooks
                secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
            sources:
              workflow_complete:
                forward: [backend]
            """;

    private static HookguardConfig config(Path dir, String store, String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("hookguard.yaml"), yaml);
        return ConfigLoader.load(Map.of("HOOKGUARD_STORE", store, "HOOKGUARD_CONFIG", file.toString()));
    }

    @Test
    void redisStoreIsRefusedInOneLineWhenASourceForwards(@TempDir Path dir) throws IOException {
        HookguardConfig config = config(dir, "redis", FORWARDING);
        List<AutoCloseable> opened = new ArrayList<>();

        assertThatThrownBy(() -> IdempotencyStores.open(config, null, opened))
                .isInstanceOf(StartupException.class)
                .hasMessage("HOOKGUARD_STORE=redis cannot forward (workflow_complete name destinations in 'forward'):"
                        + " outbox messages must commit in the database transaction of the claim; use"
                        + " HOOKGUARD_STORE=database or remove 'forward'")
                .hasMessageNotContaining("\n");
        assertThat(opened).as("no Redis connection was opened").isEmpty();
    }

    @Test
    void redisStoreIsAcceptedWhenNoSourceForwards(@TempDir Path dir) throws IOException {
        HookguardConfig config = config(dir, "redis", "sources:\n  github:\n    window: 1h\n");

        assertThatCode(() -> IdempotencyStores.refuseForwarding(config)).doesNotThrowAnyException();
    }
}
