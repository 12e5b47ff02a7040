package io.hookguard.app.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A sender that behaves like GitHub's redelivery or a workflow runner: it resends a delivery until it gets a 2xx.
 * A 409 or 503 is retried after its {@code Retry-After} (capped, so that scenarios stay short), a connection error
 * after a short back-off, on the instance the route names for that try; any other 4xx is final. Every loop is
 * bounded by a number of tries and a deadline, so the sender always stops by itself.
 */
final class RetryingSender {

    /** Which instance (port) gets try {@code attempt} (0-based) of copy {@code copy} of delivery {@code index}. */
    interface Route {
        int port(int index, int copy, int attempt);
    }

    /**
     * @param maxAttempts   tries per copy
     * @param deadline      how long one copy may keep trying
     * @param maxWait       the longest wait between tries, whatever {@code Retry-After} says
     * @param requestTimeout how long one try may take
     */
    record Policy(int maxAttempts, Duration deadline, Duration maxWait, Duration requestTimeout) {

        static Policy standard() {
            return new Policy(200, Duration.ofSeconds(120), Duration.ofMillis(500), Duration.ofSeconds(30));
        }
    }

    private static final List<Integer> RETRIED = List.of(408, 409, 425, 429, 502, 503, 504);

    private final HttpClient http;
    private final Policy policy;

    RetryingSender(Policy policy) {
        this.policy = policy;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    /** Sends one copy of the delivery until it is answered 2xx or the policy's bounds are reached. */
    DeliveryLog.End send(DeliveryLog log, int copy, Route route) throws InterruptedException {
        Delivery delivery = log.delivery();
        long deadline = System.nanoTime() + policy.deadline().toNanos();
        for (int attempt = 0; attempt < policy.maxAttempts() && System.nanoTime() < deadline; attempt++) {
            int port = route.port(delivery.index(), copy, attempt);
            DeliveryLog.Attempt result = once(delivery, copy, port);
            log.add(result);
            if (result.success()) {
                log.ended(DeliveryLog.End.DELIVERED);
                return DeliveryLog.End.DELIVERED;
            }
            if (result.status() != DeliveryLog.Attempt.NO_RESPONSE && !RETRIED.contains(result.status())
                    && result.status() < 500) {
                log.ended(DeliveryLog.End.REFUSED);
                return DeliveryLog.End.REFUSED;
            }
            Thread.sleep(wait(result, attempt));
        }
        log.ended(DeliveryLog.End.GAVE_UP);
        return DeliveryLog.End.GAVE_UP;
    }

    private DeliveryLog.Attempt once(Delivery delivery, int copy, int port) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + delivery.path()))
                .timeout(policy.requestTimeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        List<String> headers = delivery.headers();
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new DeliveryLog.Attempt(copy, port, response.statusCode(),
                    response.headers().firstValue("Idempotent-Replayed").isPresent(),
                    response.headers().firstValue("Retry-After").orElse(null), start, System.nanoTime());
        } catch (IOException e) {
            return new DeliveryLog.Attempt(copy, port, DeliveryLog.Attempt.NO_RESPONSE, false, null, start,
                    System.nanoTime());
        }
    }

    private long wait(DeliveryLog.Attempt result, int attempt) {
        long millis;
        if (result.retryAfter() != null && result.retryAfter().matches("\\d{1,6}")) {
            millis = Long.parseLong(result.retryAfter()) * 1000;
        } else {
            millis = Math.min(1000, 25L << Math.min(attempt, 5));
        }
        millis = Math.min(millis, policy.maxWait().toMillis());
        return millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1);
    }
}
