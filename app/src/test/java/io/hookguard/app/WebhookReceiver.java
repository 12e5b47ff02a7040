package io.hookguard.app;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A backend on loopback (the JDK's HTTP server on an ephemeral port) that verifies every request with the
 * Standard Webhooks reference library and records what it verified; it answers {@link #answer(int)}.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request that carried a valid signature. */
    record Received(String webhookId, Map<String, String> headers, String body) {
    }

    private final Webhook verifier;
    private final HttpServer server;
    private final AtomicInteger status = new AtomicInteger(204);
    private final List<Received> verified = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();

    WebhookReceiver(String secret) throws IOException {
        try {
            this.verifier = new Webhook(secret);
        } catch (EmptyWebhookSecretException e) {
            throw new IllegalArgumentException("the receiver needs a secret", e);
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The status every later request is answered with. */
    void answer(int statusCode) {
        status.set(statusCode);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new TreeMap<>();
        Map<String, String> first = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name.toLowerCase(Locale.ROOT), values);
            first.put(name.toLowerCase(Locale.ROOT), values.get(0));
        });
        String text = new String(body, StandardCharsets.UTF_8);
        int answer = status.get();
        try {
            verifier.verify(text, headers);
            synchronized (this) {
                verified.add(new Received(first.get("webhook-id"), first, text));
            }
        } catch (WebhookVerificationException e) {
            synchronized (this) {
                rejected.add(first.get("webhook-id") + ": " + e.getMessage());
            }
            answer = 400;
        }
        exchange.sendResponseHeaders(answer, -1);
        exchange.close();
    }

    synchronized List<Received> verified() {
        return List.copyOf(verified);
    }

    synchronized List<String> verifiedIds() {
        return verified.stream().map(Received::webhookId).toList();
    }

    synchronized List<String> rejected() {
        return List.copyOf(rejected);
    }

    /** Waits until {@code condition} holds, at most {@code limit}; whether it held is the caller's assertion. */
    static boolean awaitUntil(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
