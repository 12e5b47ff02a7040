package io.hookguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hookguard.persistence.testing.PostgresTestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every start-up failure an operator can fix, as the real jar reports it: exactly one line on stderr saying what
 * is wrong and what to do, no stack trace, and a non-zero exit status (1; configuration errors 2).
 */
class JarStartupFailureIT {

    private static final String POSTGRES_SKIPPED = "PostgreSQL refusal scenarios skipped: set "
            + PostgresTestDatabase.URL_VARIABLE + " to a reachable PostgreSQL server";

    @TempDir
    Path workDir;

    @Test
    void portAlreadyInUseFailsBeforeTheDatabaseIsOpened() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            JarProcess.Exit exit = JarProcess.run(Map.of("HOOKGUARD_PORT", Integer.toString(port)), workDir);

            assertOneLine(exit, 1, "cannot start: port " + port + " on 127.0.0.1 is already in use: stop the process "
                    + "listening there or set HOOKGUARD_PORT to a free port");
            assertThat(workDir.resolve("data")).as("no database was created or migrated").doesNotExist();
        }
    }

    @Test
    void hostThatDoesNotResolveIsNamedAsSuch() throws Exception {
        Map<String, String> env = exposable();
        env.put("HOOKGUARD_HOST", "no-such-host.invalid");

        JarProcess.Exit exit = JarProcess.run(env, workDir);

        assertOneLine(exit, 1, "cannot start: HOOKGUARD_HOST 'no-such-host.invalid' does not resolve to an address: "
                + "set it to an IP address such as 127.0.0.1 or to a host name this machine can resolve");
        assertThat(workDir.resolve("data")).doesNotExist();
    }

    @Test
    void nonLoopbackHostWhileASourceIsUnverifiedAndNoAdminTokenIsSetIsRefused() throws Exception {
        JarProcess.Exit exit = JarProcess.run(Map.of(
                "HOOKGUARD_HOST", "0.0.0.0", "HOOKGUARD_WEBHOOK_SECRET", "only-one-secret"), workDir);

        assertOneLine(exit, 2, "configuration error: HOOKGUARD_HOST=0.0.0.0 is not a loopback address, but signatures "
                + "are not verified for github and no HOOKGUARD_ADMIN_TOKEN is set: verify every source and set "
                + "HOOKGUARD_ADMIN_TOKEN, or bind 127.0.0.1");
    }

    @Test
    void dataDirectoryThatIsAFileIsNamed() throws Exception {
        Path file = Files.writeString(workDir.resolve("not-a-directory"), "x");

        JarProcess.Exit exit = JarProcess.run(Map.of("HOOKGUARD_DATA_DIR", file.toString()), workDir);

        assertOneLine(exit, 1, "cannot start: data directory " + file + " is a file, not a directory: set "
                + "HOOKGUARD_DATA_DIR to a directory Hookguard can write to");
    }

    @Test
    void dataDirectoryThatCannotBeCreatedIsNamed() throws Exception {
        Path file = Files.writeString(workDir.resolve("a-file"), "x");
        Path below = file.resolve("data");

        JarProcess.Exit exit = JarProcess.run(Map.of("HOOKGUARD_DATA_DIR", below.toString()), workDir);

        assertOneLine(exit, 1, "cannot start: data directory " + below + " does not exist and cannot be created: "
                + "create it or set HOOKGUARD_DATA_DIR to a directory Hookguard can write to");
    }

    @Test
    void dataDirectoryThatIsNotWritableIsNamed() throws Exception {
        Path readOnly = readOnlyDirectory();

        JarProcess.Exit exit = JarProcess.run(Map.of("HOOKGUARD_DATA_DIR", readOnly.toString()), workDir);

        assertOneLine(exit, 1, "cannot start: data directory " + readOnly + " is not writable: make it writable or "
                + "set HOOKGUARD_DATA_DIR to a directory Hookguard can write to");
    }

    @Test
    void embeddedDatabaseInUseByARunningServerIsNamedForEveryCommand() throws Exception {
        String inUse = "the embedded database in " + workDir.toRealPath().resolve("data") + " is in use by another "
                + "Hookguard process (a server, migrate or cleanup): stop it first; a running server does a cleanup "
                + "pass on POST /api/v1/admin/cleanup";
        try (JarProcess running = JarProcess.start(Map.of(), workDir)) {
            assertOneLine(JarProcess.run(Map.of(), workDir, "serve"), 1, "cannot start: " + inUse);
            assertOneLine(JarProcess.run(Map.of(), workDir, "migrate"), 1, "cannot migrate: " + inUse);
            assertOneLine(JarProcess.run(Map.of(), workDir, "cleanup"), 1, "cannot clean up: " + inUse);
            assertThat(running.isAlive()).isTrue();
        }
    }

    @Test
    void databaseThatRefusesTheConnectionIsNamed() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + JarProcess.freePort() + "/hookguard";

        JarProcess.Exit exit = JarProcess.run(Map.of("HOOKGUARD_DATABASE_URL", url), workDir);

        assertOneLine(exit, 1, "cannot start: the database at " + url + " refused the connection: check that "
                + "PostgreSQL is running there and that HOOKGUARD_DATABASE_URL names its host and port");
    }

    @Test
    void rejectedCredentialsAreNamedWithoutThePassword() throws Exception {
        String url = postgresServer() + "/postgres";

        JarProcess.Exit exit = JarProcess.run(Map.of("HOOKGUARD_DATABASE_URL", url,
                "HOOKGUARD_DATABASE_USER", "hookguard_no_such_role",
                "HOOKGUARD_DATABASE_PASSWORD", "never-print-this"), workDir);

        assertOneLine(exit, 1, "cannot start: the database at " + url + " rejected the user or password: check "
                + "HOOKGUARD_DATABASE_USER and HOOKGUARD_DATABASE_PASSWORD (or user and password in "
                + "HOOKGUARD_DATABASE_URL)");
        assertThat(exit.stdout()).doesNotContain("never-print-this");
    }

    @Test
    void databaseThatDoesNotExistIsNamed() throws Exception {
        String url = postgresServer() + "/hookguard_no_such_database?user=" + postgresUser();

        JarProcess.Exit exit = JarProcess.run(Map.of("HOOKGUARD_DATABASE_URL", url), workDir);

        assertOneLine(exit, 1, "cannot start: the database at " + url + " does not exist: create it or correct the "
                + "database name in HOOKGUARD_DATABASE_URL");
    }

    private static void assertOneLine(JarProcess.Exit exit, int status, String line) {
        assertThat(exit.stderr()).as("stderr").isEqualTo(line + System.lineSeparator());
        assertThat(exit.status()).as("exit status").isEqualTo(status);
        assertThat(exit.stdout()).as("the log, at its default level, has no stack trace")
                .doesNotContain("\tat ", "Exception:");
    }

    /** Every source verified and an admin token set: any host may be bound, so only the host itself can fail. */
    private static Map<String, String> exposable() {
        Map<String, String> env = new HashMap<>();
        env.put("HOOKGUARD_WEBHOOK_SECRET", "webhook-secret");
        env.put("HOOKGUARD_GITHUB_SECRET", "github-secret");
        env.put("HOOKGUARD_ADMIN_TOKEN", "admin-token");
        return env;
    }

    /**
     * A directory this user cannot create files in: a temporary one without write permission, or (for root,
     * whom permissions do not stop) a read-only system directory.
     */
    private Path readOnlyDirectory() throws IOException {
        Path candidate;
        if (!"root".equals(System.getProperty("user.name"))) {
            candidate = Files.createDirectory(workDir.resolve("read-only"));
            assumeTrue(candidate.toFile().setWritable(false, false), "cannot remove write permission from " + candidate);
        } else {
            candidate = Path.of("/sys");
        }
        assumeTrue(!canCreateFileIn(candidate), "no directory this user cannot write to: " + candidate
                + " is writable here");
        return candidate;
    }

    private static boolean canCreateFileIn(Path directory) {
        try {
            Files.delete(Files.createTempFile(directory, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code jdbc:postgresql://host:port} of the test server, or the test is skipped saying why. */
    private static String postgresServer() {
        String url = System.getenv(PostgresTestDatabase.URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), POSTGRES_SKIPPED);
        URI uri = URI.create(url.trim().substring("jdbc:".length()));
        assumeTrue(reachable(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort()), POSTGRES_SKIPPED);
        return "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort());
    }

    private static String postgresUser() {
        String query = URI.create(System.getenv(PostgresTestDatabase.URL_VARIABLE).trim().substring(5)).getQuery();
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (parameter.startsWith("user=")) {
                    return parameter.substring("user=".length());
                }
            }
        }
        return "postgres";
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
