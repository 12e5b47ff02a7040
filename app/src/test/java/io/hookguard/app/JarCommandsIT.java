package io.hookguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.persistence.Database;
import io.hookguard.persistence.DatabaseSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-shot commands of the real jar on the embedded database: what {@code migrate} and {@code cleanup} tell the
 * operator ({@link JarEndToEndIT} has {@code migrate} on PostgreSQL).
 */
class JarCommandsIT {

    @TempDir
    Path workDir;

    @Test
    void migrateOnTheEmbeddedDatabaseSaysWhereAndWhichSchemaVersionItLeft() throws Exception {
        JarProcess.Exit exit = JarProcess.run(Map.of(), workDir, "migrate");

        String url = "jdbc:h2:file:" + workDir.toRealPath().resolve("data").resolve("hookguard")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE";
        assertThat(exit.status()).isZero();
        assertThat(exit.stderr()).isEmpty();
        assertThat(exit.stdout()).endsWith("migrated " + url + " as the default user to schema version "
                + schemaVersionOf(url) + System.lineSeparator());
    }

    @Test
    void migrateWithAnExtraArgumentIsAUsageErrorThatNamesIt() throws Exception {
        JarProcess.Exit exit = JarProcess.run(Map.of(), workDir, "migrate", "extra");

        assertThat(exit.status()).isEqualTo(2);
        assertThat(exit.stderr()).startsWith("'migrate' takes no arguments, but was given 'extra'"
                + System.lineSeparator() + "Usage:");
        assertThat(workDir.resolve("data")).as("nothing was opened").doesNotExist();
    }

    @Test
    void cleanupRunsOnePassThroughTheServerWiringAndSaysWhatItDeleted() throws Exception {
        JarProcess.Exit exit = JarProcess.run(Map.of(), workDir, "cleanup");

        assertThat(exit.status()).isZero();
        assertThat(exit.stderr()).isEmpty();
        assertThat(exit.stdout())
                .contains("logger=MicrometerCleanupObserver", "retention cleanup deleted 0 events")
                .endsWith("deleted 0 expired events and 0 finished outbox messages" + System.lineSeparator());
    }

    /** The schema version of the newest migration, as this build's own migrations bring the database to. */
    private static String schemaVersionOf(String url) {
        try (Database database = Database.connect(DatabaseSettings.of(url))) {
            return database.migrate();
        }
    }
}
