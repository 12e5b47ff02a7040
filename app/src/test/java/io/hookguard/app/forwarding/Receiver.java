package io.hookguard.app.forwarding;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * A backend on loopback that Hookguard forwards to: verifies every request with the Standard Webhooks reference
 * library ({@code com.standardwebhooks}, written by none of us), records each one with the time it started and
 * ended, and answers as the test scripts it (by default 204 at once). A request that fails verification is
 * recorded and answered 401.
 */
final class Receiver implements AutoCloseable {

    /** One request as the receiver saw it. {@code started}/{@code ended} are from one monotonic counter. */
    record Request(String webhookId, Map<String, String> headers, String body, boolean verified, int answered,
            long started, long ended) {

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }

        /** The {@code type} of a phase event's JSON body, e.g. {@code phase.completed}. */
        String type() {
            return field("type");
        }

        /** A string or number field of {@code data}, found by name (the bodies here are flat enough). */
        String field(String name) {
            java.util.regex.Matcher matcher = java.util.regex.Pattern
                    .compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|(-?\\d+)|null)").matcher(body);
            if (!matcher.find()) {
                return null;
            }
            return matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
        }
    }

    /** {@link Request#answered()} of a request whose sender was gone when the answer was written. */
    static final int NOT_ANSWERED = -1;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Webhook verifier;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();
    private volatile ToIntFunction<Attempt> answer = attempt -> 204;
    private volatile Hold hold = Hold.NONE;

    /** The attempt being answered: the message id, how many times the receiver has seen it (1 = first), the body. */
    record Attempt(String webhookId, int nth, String body) {
    }

    private Receiver(String secret) throws IOException {
        try {
            this.verifier = new Webhook(secret);
        } catch (com.standardwebhooks.exceptions.EmptyWebhookSecretException e) {
            throw new IllegalArgumentException("the receiver needs a secret", e);
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Listens on an ephemeral loopback port and verifies with {@code secret} ({@code whsec_…}). */
    static Receiver start(String secret) throws IOException {
        return new Receiver(secret);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** Scripts the answer's status from the attempt. */
    void answer(ToIntFunction<Attempt> script) {
        this.answer = script;
    }

    /** Requests matching {@code which} are held until {@link #release()}; {@link #awaitHeld} sees them arrive. */
    void holdWhile(Predicate<Attempt> which) {
        this.hold = new Hold(which, new java.util.concurrent.CountDownLatch(1), new AtomicInteger());
    }

    void release() {
        hold.gate().countDown();
    }

    /** Waits until {@code count} requests are being held. */
    void awaitHeld(int count, Duration within) throws InterruptedException {
        Await.until(() -> hold.arrived().get() >= count, within, () -> hold.arrived().get() + " held, not " + count);
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests that passed verification and were answered 2xx, in the order they ended. */
    synchronized List<Request> accepted() {
        return requests.stream().filter(r -> r.verified() && r.answered() / 100 == 2).toList();
    }

    /** The accepted requests by webhook-id, first acceptance kept: what a deduplicating backend acts on. */
    synchronized Map<String, Request> acceptedOnce() {
        Map<String, Request> once = new LinkedHashMap<>();
        accepted().forEach(request -> once.putIfAbsent(request.webhookId(), request));
        return once;
    }

    /** Waits until {@code count} distinct webhook-ids were accepted. */
    void awaitAcceptedIds(int count, Duration within) throws InterruptedException {
        Await.until(() -> acceptedOnce().size() >= count, within,
                () -> acceptedOnce().size() + " distinct messages accepted, not " + count + "; requests: " + summary());
    }

    /** Waits until at least {@code count} requests arrived (answered or not). */
    void awaitRequests(int count, Duration within) throws InterruptedException {
        Await.until(() -> requests().size() >= count, within,
                () -> requests().size() + " requests, not " + count + "; requests: " + summary());
    }

    /** Pairs of attempts of one webhook-id whose [started, ended] overlap: two senders at once. */
    synchronized List<String> overlappingAttempts() {
        List<String> overlaps = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            for (int j = i + 1; j < requests.size(); j++) {
                Request a = requests.get(i);
                Request b = requests.get(j);
                if (a.webhookId() != null && a.webhookId().equals(b.webhookId())
                        && a.started() < b.ended() && b.started() < a.ended()) {
                    overlaps.add(a.webhookId());
                }
            }
        }
        return overlaps;
    }

    synchronized String summary() {
        StringBuilder text = new StringBuilder();
        for (Request request : requests) {
            text.append("\n  ").append(request.webhookId()).append(' ').append(request.type()).append(' ')
                    .append(request.verified() ? "verified" : "NOT VERIFIED").append(" -> ").append(request.answered());
        }
        return text.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long started = clock.incrementAndGet();
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        HttpHeaders headers = HttpHeaders.of(exchange.getRequestHeaders(), (name, value) -> true);
        String id = headers.firstValue("webhook-id").orElse(null);
        boolean verified;
        try {
            verifier.verify(body, headers);
            verified = true;
        } catch (WebhookVerificationException e) {
            verified = false;
        }
        int nth = id == null ? 1 : seen.computeIfAbsent(id, any -> new AtomicInteger()).incrementAndGet();
        Attempt attempt = new Attempt(id, nth, body);
        Hold current = hold;
        if (current.which().test(attempt)) {
            current.arrived().incrementAndGet();
            try {
                current.gate().await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = verified ? answer.applyAsInt(attempt) : 401;
        Map<String, String> flat = new LinkedHashMap<>();
        headers.map().forEach((name, values) -> flat.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
        int answered = status;
        try {
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException senderGone) {
            answered = NOT_ANSWERED;
        } finally {
            exchange.close();
            synchronized (this) {
                requests.add(new Request(id, flat, body, verified, answered, started, clock.incrementAndGet()));
            }
        }
    }

    private record Hold(Predicate<Attempt> which, java.util.concurrent.CountDownLatch gate, AtomicInteger arrived) {
        static final Hold NONE = new Hold(attempt -> false, new java.util.concurrent.CountDownLatch(0),
                new AtomicInteger());
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
