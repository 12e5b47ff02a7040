package io.hookguard.app.reliability;

import io.hookguard.app.HookguardClient;
import io.hookguard.app.JarProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real jars of one scenario, each its own process on loopback against the scenario's database, all with the
 * harness's distinctive secrets. Their logs stay under {@code target/reliability-logs/<scenario>/} for the secrets
 * scan; closing the fleet stops every jar still running.
 */
final class Fleet implements AutoCloseable {

    static final Path LOGS = Path.of("target", "reliability-logs");

    private final Path workDir;
    private final Map<String, String> env;
    private final List<JarProcess> started = new ArrayList<>();

    Fleet(String scenario, ScenarioDatabase database, Map<String, String> settings) {
        this.workDir = LOGS.resolve(scenario);
        this.env = new HashMap<>(Map.of(
                "HOOKGUARD_DATABASE_URL", database.jdbcUrl(),
                "HOOKGUARD_DATABASE_PASSWORD", Secrets.DATABASE_PASSWORD,
                "HOOKGUARD_WEBHOOK_SECRET", Secrets.WEBHOOK,
                "HOOKGUARD_GITHUB_SECRET", Secrets.GITHUB,
                "HOOKGUARD_ADMIN_TOKEN", Secrets.ADMIN_TOKEN,
                "HOOKGUARD_HOST", "127.0.0.1",
                "HOOKGUARD_SHUTDOWN_GRACE", "2s"));
        this.env.putAll(settings);
        try {
            if (Files.exists(workDir)) {
                try (Stream<Path> old = Files.list(workDir)) {
                    for (Path file : old.toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts one more jar and waits until it is ready. */
    JarProcess start() throws IOException, InterruptedException {
        JarProcess jar = JarProcess.start(env, workDir.toAbsolutePath());
        synchronized (started) {
            started.add(jar);
        }
        return jar;
    }

    /** A client that signs with the harness's webhook secret and carries its admin token. */
    static HookguardClient client(JarProcess jar) {
        return new HookguardClient(jar.port(), Secrets.WEBHOOK, Secrets.ADMIN_TOKEN);
    }

    /** The jar's heap in use right after a full collection ({@code jcmd GC.run}): its live data. */
    static double heapAfterFullGc(JarProcess jar) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(jar.pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(30, TimeUnit.SECONDS) || gc.exitValue() != 0) {
            throw new IllegalStateException("jcmd GC.run failed for pid " + jar.pid());
        }
        return Scrape.of(jar).sum("jvm_memory_used_bytes", "area=\"heap\"");
    }

    /** Every log file the scenario's jars wrote. */
    List<Path> logs() throws IOException {
        try (Stream<Path> files = Files.list(workDir)) {
            return files.filter(file -> file.toString().endsWith(".log")).sorted().toList();
        }
    }

    /** Stops (SIGTERM) every jar still running; an interrupt is kept for the caller. */
    @Override
    public void close() {
        synchronized (started) {
            try {
                for (JarProcess jar : started) {
                    if (jar.isAlive()) {
                        jar.terminate();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                started.clear();
            }
        }
    }
}
