package io.hookguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupChecksTest {

    private static final String PG_URL = "jdbc:postgresql://db.example:5432/hookguard?user=app&password=s3cret";

    @TempDir
    Path dir;

    @Test
    void portTakenWhenTheServerBindsIsTheSameLineAsWhenTheCheckFindsIt() {
        HookguardConfig config = ConfigLoader.load(Map.of("HOOKGUARD_PORT", "8123"));

        assertThat(StartupChecks.bindFailure(config, new BindException("Address already in use")))
                .hasMessage("port 8123 on 127.0.0.1 is already in use: stop the process listening there or set "
                        + "HOOKGUARD_PORT to a free port");
    }

    @Test
    void rejectedPasswordIsNamedWithTheUrlMasked() {
        StartupException failure = StartupChecks.databaseFailure(postgres(),
                new IllegalStateException(new SQLException("password authentication failed", "28P01")));

        assertThat(failure).hasMessage("the database at jdbc:postgresql://db.example:5432/hookguard?user=app"
                + "&password=**** rejected the user or password: check HOOKGUARD_DATABASE_USER and "
                + "HOOKGUARD_DATABASE_PASSWORD (or user and password in HOOKGUARD_DATABASE_URL)");
    }

    @Test
    void brokenConnectionDuringSetUpCountsAsRefused() {
        assertThat(StartupChecks.databaseFailure(postgres(),
                new IllegalStateException(new SQLException("connection failure", "08006"))))
                .hasMessageContaining("refused the connection");
    }

    @Test
    void otherDatabaseFailuresAreNotExplained() {
        assertThat(StartupChecks.databaseFailure(postgres(),
                new IllegalStateException(new SQLException("syntax error", "42601")))).isNull();
    }

    @Test
    void missingDataDirectoryIsCreated() {
        Path data = dir.resolve("nested").resolve("data");

        StartupChecks.checkDataDirectory(ConfigLoader.load(Map.of("HOOKGUARD_DATA_DIR", data.toString())));

        assertThat(data).isDirectory().isEmptyDirectory();
    }

    @Test
    void dataDirectoryThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> StartupChecks.checkDataDirectory(
                ConfigLoader.load(Map.of("HOOKGUARD_DATA_DIR", file.toString()))))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("data directory " + file + " is a file");
    }

    @Test
    void dataDirectoryIsNotCheckedForAnExternalDatabase() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");

        HookguardConfig config = ConfigLoader.load(Map.of("HOOKGUARD_DATA_DIR", file.toString(),
                "HOOKGUARD_DATABASE_URL", PG_URL));

        assertThatCode(() -> StartupChecks.checkDataDirectory(config)).doesNotThrowAnyException();
    }

    private static HookguardConfig postgres() {
        return ConfigLoader.load(Map.of("HOOKGUARD_DATABASE_URL", PG_URL));
    }
}
