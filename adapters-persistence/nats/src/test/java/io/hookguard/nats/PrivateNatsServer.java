package io.hookguard.nats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A nats-server process of the test's own (JetStream on, its store in a temporary directory, an ephemeral port
 * on 127.0.0.1), which the test may stop and start again on the same port and store. Never the shared server.
 */
public final class PrivateNatsServer implements AutoCloseable {

    public static final String BINARY_VARIABLE = "HOOKGUARD_TEST_NATS_SERVER";
    public static final Path DEFAULT_BINARY = Path.of("/usr/sbin/nats-server");

    private static final Pattern PORT = Pattern.compile("\"nats\"\\s*:\\s*\\[\\s*\"nats://[^\"]*:(\\d+)\"");
    private static final long START_TIMEOUT_MILLIS = 20_000;

    private final Path binary;
    private final Path directory;
    private Process process;
    private int port;

    private PrivateNatsServer(Path binary, Path directory) {
        this.binary = binary;
        this.directory = directory;
    }

    /** Starts a server storing under {@code directory}; skips the test when there is no nats-server binary. */
    public static PrivateNatsServer start(Path directory) {
        String configured = System.getenv(BINARY_VARIABLE);
        Path binary = configured == null || configured.isBlank() ? DEFAULT_BINARY : Path.of(configured.strip());
        Assumptions.assumeTrue(Files.isExecutable(binary),
                () -> "private NATS server tests skipped: no nats-server binary at " + binary + " (set "
                        + BINARY_VARIABLE + ")");
        PrivateNatsServer server = new PrivateNatsServer(binary, directory);
        server.launch(-1);
        return server;
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Kills the process as a crash would (SIGKILL) and waits until it is gone. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts the server again on the same port with the same store. */
    public void restart() {
        stop();
        launch(port);
    }

    @Override
    public void close() {
        stop();
    }

    private void launch(int requestedPort) {
        try {
            Path ports = Files.createDirectories(directory.resolve("ports"));
            try (Stream<Path> old = Files.list(ports)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            Path store = Files.createDirectories(directory.resolve("store"));
            ProcessBuilder builder = new ProcessBuilder(List.of(binary.toString(), "-a", "127.0.0.1",
                    "-p", Integer.toString(requestedPort), "-js", "-sd", store.toString(),
                    "--ports_file_dir", ports.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("nats-server.log").toFile()));
            process = builder.start();
            Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
            port = awaitPort(ports);
            awaitListening();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int awaitPort(Path ports) throws IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited with " + process.exitValue() + "; see "
                        + directory.resolve("nats-server.log"));
            }
            try (Stream<Path> files = Files.list(ports)) {
                for (Path file : files.toList()) {
                    Matcher matcher = PORT.matcher(Files.readString(file));
                    if (matcher.find()) {
                        return Integer.parseInt(matcher.group(1));
                    }
                }
            }
            pause();
        }
        throw new IllegalStateException("nats-server wrote no ports file within " + START_TIMEOUT_MILLIS + " ms");
    }

    private void awaitListening() {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                pause();
            }
        }
        throw new IllegalStateException("nats-server does not listen on port " + port);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
