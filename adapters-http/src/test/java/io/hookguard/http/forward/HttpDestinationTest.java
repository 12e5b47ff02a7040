package io.hookguard.http.forward;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hookguard.domain.outbox.AttemptResult;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.DispatchCommand;
import io.hookguard.domain.outbox.DispatchObserver;
import io.hookguard.domain.outbox.DispatchOutbox;
import io.hookguard.domain.outbox.InMemoryOutboxStore;
import io.hookguard.domain.outbox.MessageId;
import io.hookguard.domain.outbox.MessageStatus;
import io.hookguard.domain.outbox.MessageView;
import io.hookguard.domain.outbox.OutboundMessage;
import io.hookguard.domain.outbox.RetrySchedule;
import io.hookguard.domain.testing.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP destination against a real receiver on loopback that verifies every request with the Standard Webhooks
 * reference library (which no one here wrote) and records what it got.
 */
class HttpDestinationTest {

    private static final HttpClient CLIENT = HttpDestination.newClient();
    private static final RetrySchedule SCHEDULE = new RetrySchedule(List.of(Duration.ofSeconds(5)), 0);

    /** Near the real time: the library accepts timestamps within 5 minutes of its own clock. */
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final String secret = newSecret();
    private final InMemoryOutboxStore store = new InMemoryOutboxStore();
    private final DispatchOutbox dispatch = new DispatchOutbox(store, clock, new SplittableRandom(3),
            DispatchObserver.NONE);
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
    private HttpServer receiver;

    /** One request as the receiver saw it; {@code verification} is null when the signature verified. */
    private record Received(String webhookId, String verification, Map<String, List<String>> headers, byte[] body) {
    }

    private static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        Webhook verifier = new Webhook(secret);
        receiver.createContext("/hooks", exchange -> answer(exchange, verifier));
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        CountDownLatch held = hold.get();
        if (held != null) {
            held.countDown();
        }
        receiver.stop(0);
    }

    private void answer(HttpExchange exchange, Webhook verifier) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpHeaders headers = HttpHeaders.of(exchange.getRequestHeaders(), (name, value) -> true);
        String verification = null;
        try {
            verifier.verify(new String(body, StandardCharsets.UTF_8), headers);
        } catch (Exception e) {
            verification = e.toString();
        }
        received.add(new Received(headers.firstValue("webhook-id").orElse(null), verification, headers.map(),
                body));
        CountDownLatch held = hold.get();
        if (held != null) {
            try {
                held.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Integer status = answers.poll();
        int code = status == null ? 200 : status;
        byte[] reply = ("answer " + code).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    private HttpDestination destination(URI url, Duration timeout) {
        return new HttpDestination(new HttpDestinationSettings(new DestinationName("backend"), url,
                SigningSecret.parse(secret), timeout), CLIENT, clock);
    }

    private HttpDestination destination() {
        return destination(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks"),
                Duration.ofSeconds(10));
    }

    private OutboundMessage message(int n) {
        return new OutboundMessage(MessageId.random(), new DestinationName("backend"), null, "github",
                "delivery-" + n, "push", "application/json",
                ("{\"n\":" + n + ",\"note\":\"ünïcode ✓\"}").getBytes(StandardCharsets.UTF_8), clock.instant());
    }

    private void dispatch(HttpDestination destination) {
        dispatch.dispatch(new DispatchCommand(destination, SCHEDULE, Duration.ofSeconds(40), 50));
    }

    @Test
    void everyMessageArrivesOnceWithAValidSignatureAndItsHeaders() {
        List<OutboundMessage> messages = new ArrayList<>();
        for (int n = 0; n < 25; n++) {
            messages.add(message(n));
        }
        store.append(messages);

        dispatch(destination());

        assertThat(received).hasSize(25).allSatisfy(request -> assertThat(request.verification()).isNull());
        assertThat(received).extracting(Received::webhookId)
                .containsExactlyInAnyOrderElementsOf(messages.stream().map(m -> m.id().value()).toList());
        Received first = received.stream().filter(r -> r.webhookId().equals(messages.get(0).id().value()))
                .findFirst().orElseThrow();
        HttpHeaders headers = HttpHeaders.of(first.headers(), (name, value) -> true);
        assertThat(first.body()).isEqualTo(messages.get(0).body());
        assertThat(headers.firstValue("content-type")).contains("application/json");
        assertThat(headers.firstValue("hookguard-source")).contains("github");
        assertThat(headers.firstValue("hookguard-event")).contains("push");
        assertThat(headers.firstValue("hookguard-delivery-id")).contains("delivery-0");
        assertThat(headers.firstValue("webhook-timestamp")).contains(Long.toString(clock.instant().getEpochSecond()));
        assertThat(store.all()).allSatisfy(view -> assertThat(view.status()).isEqualTo(MessageStatus.DELIVERED));
    }

    @Test
    void receiverRejectsARequestSignedWithAnotherSecret() {
        HttpDestination impostor = new HttpDestination(new HttpDestinationSettings(new DestinationName("backend"),
                URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks"),
                SigningSecret.parse(newSecret()), Duration.ofSeconds(10)), CLIENT, clock);

        impostor.send(message(1));

        assertThat(received).singleElement().satisfies(request -> assertThat(request.verification()).isNotNull());
    }

    @Test
    void messageWithoutAnEventTypeHasNoEventHeader() {
        OutboundMessage message = new OutboundMessage(MessageId.random(), new DestinationName("backend"), null,
                "acme", "k1", null, "text/plain", "plain".getBytes(StandardCharsets.UTF_8), clock.instant());

        AttemptResult result = destination().send(message);

        assertThat(result).isInstanceOf(AttemptResult.Delivered.class);
        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.verification()).isNull();
            assertThat(HttpHeaders.of(request.headers(), (n, v) -> true).firstValue("hookguard-event")).isEmpty();
        });
    }

    @Test
    void serverErrorIsRetriedOnScheduleWithTheSameIdAndThenDelivered() {
        OutboundMessage message = message(1);
        store.append(List.of(message));
        answers.add(500);

        dispatch(destination());
        clock.advance(Duration.ofSeconds(5));
        dispatch(destination());

        assertThat(received).hasSize(2).allSatisfy(request -> {
            assertThat(request.verification()).isNull();
            assertThat(request.webhookId()).isEqualTo(message.id().value());
        });
        MessageView view = store.find(message.id()).orElseThrow();
        assertThat(view.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(view.attempts()).extracting(attempt -> attempt.statusCode()).containsExactly(500, 200);
        assertThat(view.attempts().get(0).detail()).isEqualTo("answer 500");
    }

    @Test
    void goneMakesTheMessageDeadAtOnce() {
        OutboundMessage message = message(1);
        store.append(List.of(message));
        answers.add(410);

        dispatch(destination());

        MessageView view = store.find(message.id()).orElseThrow();
        assertThat(view.status()).isEqualTo(MessageStatus.DEAD);
        assertThat(view.attempts()).singleElement().satisfies(attempt -> assertThat(attempt.statusCode())
                .isEqualTo(410));
    }

    @Test
    void unreachableReceiverIsAFailedAttempt() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        AttemptResult result = destination(URI.create("http://127.0.0.1:" + closedPort + "/hooks"),
                Duration.ofSeconds(5)).send(message(1));

        assertThat(result).isInstanceOfSatisfying(AttemptResult.Failed.class, failed -> {
            assertThat(failed.statusCode()).isEmpty();
            assertThat(failed.detail()).contains("cannot connect to 127.0.0.1:" + closedPort);
        });
    }

    @Test
    void receiverThatDoesNotAnswerInTimeIsAFailedAttempt() {
        hold.set(new CountDownLatch(1));

        AttemptResult result = destination(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/hooks"), Duration.ofMillis(300)).send(message(1));

        assertThat(result).isInstanceOfSatisfying(AttemptResult.Failed.class, failed -> {
            assertThat(failed.statusCode()).isEmpty();
            assertThat(failed.detail()).contains("within 300ms");
        });
    }

    @Test
    void longAnswerIsCutToOneKibibyte() {
        receiver.removeContext("/hooks");
        receiver.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] reply = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            } catch (IOException e) {
                // the client stops reading after the first part
            }
        });

        AttemptResult result = destination().send(message(1));

        assertThat(result).isInstanceOf(AttemptResult.Failed.class);
        assertThat(result.statusCode()).contains(503);
        assertThat(result.detail()).hasSize(1024);
    }

    @Test
    void attemptsOneAfterTheOtherReuseOneConnectionAlsoAfterAnAnswerLongerThanTheDetail() {
        ConcurrentLinkedQueue<Integer> clientPorts = new ConcurrentLinkedQueue<>();
        receiver.removeContext("/hooks");
        receiver.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] reply = "y".repeat(10_000).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        HttpDestination destination = destination();

        List<AttemptResult> results = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            results.add(destination.send(message(n)));
        }

        assertThat(results).allSatisfy(result -> {
            assertThat(result).isInstanceOf(AttemptResult.Delivered.class);
            assertThat(result.detail()).hasSize(1024);
        });
        assertThat(clientPorts).hasSize(3).as("one kept-alive connection").containsOnly(clientPorts.peek());
    }

    @Test
    void asynchronousAttemptsAreInFlightTogether() throws Exception {
        hold.set(new CountDownLatch(1));
        HttpDestination destination = destination();

        List<CompletableFuture<AttemptResult>> answers = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            answers.add(destination.sendAsync(message(n)));
        }
        for (int waited = 0; waited < 3000 && received.size() < 3; waited++) {
            Thread.sleep(10);
        }
        assertThat(received).as("all three at the receiver at once").hasSize(3);
        assertThat(answers).noneMatch(CompletableFuture::isDone);
        hold.get().countDown();

        for (var answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS)).isInstanceOf(AttemptResult.Delivered.class);
        }
    }

    @Test
    void secretsThatAreNotWhsecBase64AreRefusedWithoutEchoingThem() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SigningSecret.parse("hunter2-secret")))
                .hasMessageContaining("'secret'").hasMessageNotContaining("hunter2");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SigningSecret.parse("whsec_%%%")))
                .hasMessageContaining("'secret'").hasMessageNotContaining("%%%");
        assertThat(SigningSecret.parse(secret).toString()).doesNotContain(secret.substring(6));
    }
}
