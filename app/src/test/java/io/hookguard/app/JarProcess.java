package io.hookguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The shaded jar running as its own process, as an operator would start it. */
public final class JarProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "hookguard.jar");
    private static final Duration READY_WITHIN = Duration.ofSeconds(30);
    private static final int EXIT_WITHIN_SECONDS = 30;

    private final Process process;
    private final Path log;
    private final int port;

    private JarProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the jar with exactly {@code env} as its HOOKGUARD_* settings, on a free port, and waits until ready. */
    public static JarProcess start(Map<String, String> env, Path workDir) throws IOException, InterruptedException {
        assertThat(JAR).as("the shaded jar is built by 'package' before integration tests").exists();
        int port = freePort();
        Path log = Files.createTempFile(workDir, "hookguard-", ".log");
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-jar", JAR.toAbsolutePath().toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("HOOKGUARD_"));
        builder.environment().putAll(env);
        builder.environment().put("HOOKGUARD_PORT", Integer.toString(port));
        JarProcess jar = new JarProcess(builder.start(), log, port);
        jar.awaitReady();
        return jar;
    }

    /** How a command that ends by itself ended: its exit status and what it wrote to stdout and stderr. */
    public record Exit(int status, String stdout, String stderr) {
    }

    /**
     * Runs the jar with {@code args} and exactly {@code env} as its HOOKGUARD_* settings (on a free port unless
     * {@code env} names one), and waits for it to exit by itself; fails if it is still running after
     * {@value #EXIT_WITHIN_SECONDS} s. The JVM compiles with C1 only: these commands are short, so it starts faster.
     */
    public static Exit run(Map<String, String> env, Path workDir, String... args)
            throws IOException, InterruptedException {
        assertThat(JAR).as("the shaded jar is built by 'package' before integration tests").exists();
        Path stdout = Files.createTempFile(workDir, "hookguard-", ".out");
        Path stderr = Files.createTempFile(workDir, "hookguard-", ".err");
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("HOOKGUARD_"));
        builder.environment().put("HOOKGUARD_PORT", Integer.toString(freePort()));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(EXIT_WITHIN_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("hookguard.jar " + String.join(" ", args) + " still running after "
                    + EXIT_WITHIN_SECONDS + " s:\n" + Files.readString(stdout) + Files.readString(stderr));
        }
        try {
            return new Exit(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } finally {
            Files.delete(stdout);
            Files.delete(stderr);
        }
    }

    public int port() {
        return port;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no shutdown hook, no drain, no commit of anything in flight. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, as an orchestrator stops a service; returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s of SIGTERM").isTrue();
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return log;
    }

    private void awaitReady() throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("hookguard.jar exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("hookguard.jar not ready within " + READY_WITHIN + ":\n" + log());
    }

    /** A port nothing listens on at the moment. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
