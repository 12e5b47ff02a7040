package io.hookguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("serve", "migrate", "cleanup", "--version");
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertThat(run(Map.of(), "--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).matches("hookguard \\d+\\.\\d+\\.\\d+.*\\R");
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'", "Usage:");
    }

    @Test
    void invalidConfigurationFailsAtStartWithTheVariableNamed() {
        assertThat(run(Map.of("HOOKGUARD_PORT", "-1"), "serve")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("configuration error: HOOKGUARD_PORT must be a whole number from 0 to 65535, not '-1'"
                        + System.lineSeparator());
    }

    @Test
    void extraArgumentIsAUsageErrorThatNamesIt() {
        assertThat(run(Map.of(), "migrate", "extra")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("'migrate' takes no arguments, but was given 'extra'" + System.lineSeparator() + "Usage:");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
