package io.hookguard.app.reliability;

import io.hookguard.app.JarProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jar's live Java threads by family ({@code jcmd Thread.print}; the JVM's own GC and VM threads, which carry no
 * thread id there, are left out; digits in the names are folded to {@code #}): which
 * family grows is what tells a leak (a thread per request or connection) from an elastic pool.
 */
record ThreadCensus(Map<String, Integer> families) {

    private static final Pattern THREAD = Pattern.compile("^\"([^\"]*)\" #[0-9]+", Pattern.MULTILINE);

    static ThreadCensus of(JarProcess jar) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(jar.pid()), "Thread.print")
                .redirectErrorStream(true).start();
        String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!dump.waitFor(30, TimeUnit.SECONDS) || dump.exitValue() != 0) {
            throw new IllegalStateException("jcmd Thread.print failed for pid " + jar.pid());
        }
        Map<String, Integer> families = new TreeMap<>();
        Matcher thread = THREAD.matcher(text);
        while (thread.find()) {
            families.merge(thread.group(1).replaceAll("[0-9]+", "#"), 1, Integer::sum);
        }
        return new ThreadCensus(families);
    }

    /** The HTTP pool's family: elastic by design, so it is judged by its busy threads, not its size. */
    static final String HTTP_POOL = "http-#";

    /**
     * Every family but the HTTP pool, Hikari's helpers that it starts on demand to open or close a connection and
     * that end after a few idle seconds, and the JIT's compiler threads (their number follows the compile queue):
     * what must not change while the load stays the same.
     */
    Map<String, Integer> withoutElastic() {
        Map<String, Integer> steady = new TreeMap<>(families);
        steady.remove(HTTP_POOL);
        steady.keySet().removeIf(name -> name.endsWith(":connection-adder") || name.endsWith(":connection-closer")
                || name.contains("CompilerThread"));
        return steady;
    }

    int total() {
        return families.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** {@code family:count,...} without spaces, for a figure line. */
    String compact() {
        StringBuilder text = new StringBuilder();
        families.forEach((name, count) -> text.append(text.isEmpty() ? "" : ",")
                .append(name.replace(' ', '_')).append(':').append(count));
        return text.toString();
    }
}
