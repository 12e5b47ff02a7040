package io.hookguard.app.reliability;

import io.hookguard.app.JarProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** One read of a jar's {@code /metrics} (Prometheus text format). */
record Scrape(List<String> lines) {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static Scrape of(JarProcess jar) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + jar.port() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (metrics.statusCode() != 200) {
            throw new IllegalStateException("/metrics answered " + metrics.statusCode());
        }
        return new Scrape(Arrays.asList(metrics.body().split("\n")));
    }

    /** The sum of every series of {@code metric} whose labels contain all of {@code labels}; 0 when none. */
    double sum(String metric, String... labels) {
        double sum = 0;
        for (String line : lines) {
            if (line.startsWith("#") || !(line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
                continue;
            }
            if (Arrays.stream(labels).allMatch(line::contains)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
