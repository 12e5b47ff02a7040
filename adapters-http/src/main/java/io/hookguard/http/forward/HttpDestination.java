package io.hookguard.http.forward;

import io.hookguard.domain.outbox.AttemptResult;
import io.hookguard.domain.outbox.Destination;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.OutboundMessage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HTTP endpoint as a destination: each attempt POSTs the body as-is with its content type and the
 * {@code hookguard-*} headers, signed as Standard Webhooks ({@code webhook-id} = the message id,
 * {@code webhook-timestamp} = this attempt, {@code webhook-signature: v1,<base64 HMAC-SHA256>} over
 * {@code "{id}.{timestamp}.{body}"}). 2xx is delivered, 410 refused for good; any other status, a timeout or a
 * connection error is a failed attempt. The first 1 KiB of the answer (or the error) is kept as the detail.
 */
public final class HttpDestination implements Destination {

    /** How much of an answer is read; the rest is discarded. */
    static final int DETAIL_BYTES = 1024;
    /** How much of an answer is read to its end (and dropped) to keep the connection for the next attempt. */
    static final int DISCARD_BYTES = 64 * 1024;
    private static final String USER_AGENT = "Hookguard-Webhooks";
    /** The threads the attempts of all HTTP destinations are made on; idle ones end after a minute. */
    private static final ExecutorService SENDERS = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "hookguard-http-send-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    private final HttpDestinationSettings settings;
    private final HttpClient client;
    private final Clock clock;
    private final SecretKeySpec key;

    /** A destination sending through {@code client}, which all destinations share (see {@link #newClient()}). */
    public HttpDestination(HttpDestinationSettings settings, HttpClient client, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.key = new SecretKeySpec(settings.secret().key(), "HmacSHA256");
    }

    /** The client that the HTTP destinations of one process share: no redirects, HTTP/1.1. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(HttpDestinationSettings.DEFAULT_TIMEOUT)
                .build();
    }

    @Override
    public DestinationName name() {
        return settings.name();
    }

    @Override
    public AttemptResult send(OutboundMessage message) {
        CompletableFuture<AttemptResult> answer = sendAsync(message);
        try {
            return answer.get();
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return new AttemptResult.Failed(null, "interrupted before " + settings.url().getHost() + " answered");
        } catch (ExecutionException e) {
            return failure(e.getCause() == null ? e : e.getCause());
        }
    }

    /**
     * The POST on one of the senders' threads, so that a batch's attempts are in flight together: the answer
     * completes the future, and the destination's timeout completes it as a timed-out attempt (interrupting the
     * sender, which cancels the exchange) when no answer came. The client's own {@code sendAsync} is not used: it
     * completes every answer on a new thread where the common pool has fewer than two threads (two cores), one
     * thread started and ended per attempt.
     */
    /** Each attempt runs on a sender thread of its own. */
    @Override
    public boolean attemptsTogether() {
        return true;
    }

    @Override
    public CompletableFuture<AttemptResult> sendAsync(OutboundMessage message) {
        HttpRequest request;
        try {
            request = request(message);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(e));
        }
        CompletableFuture<AttemptResult> answer = new CompletableFuture<>();
        Future<?> sending;
        try {
            sending = SENDERS.submit(() -> {
                answer.complete(exchange(request));
            });
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(failure(e));
        }
        return answer.completeOnTimeout(timedOut(), settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((result, error) -> {
                    if (!sending.isDone()) {
                        sending.cancel(true);
                    }
                });
    }

    /** One exchange on the calling thread; a failure is returned, not thrown. */
    private AttemptResult exchange(HttpRequest request) {
        try {
            return resultOf(client.send(request, info -> new FirstPart()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AttemptResult.Failed(null, "interrupted before " + settings.url().getHost() + " answered");
        } catch (IOException | RuntimeException e) {
            return failure(e);
        }
    }

    private HttpRequest request(OutboundMessage message) {
        String id = message.id().value();
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", message.contentType())
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", id)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", "v1," + sign(id, timestamp, message.body()))
                .header("hookguard-source", message.source())
                .header("hookguard-delivery-id", message.deliveryKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
        message.event().ifPresent(event -> request.header("hookguard-event", event));
        return request.build();
    }

    /** The base64 HMAC-SHA256 of {@code "{id}.{timestamp}.{body}"}, byte-exact over the body. */
    String sign(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * Keeps the first {@value #DETAIL_BYTES} bytes of an answer and reads the rest (up to {@value #DISCARD_BYTES}) to
     * its end without keeping it, so that the connection goes back to the client's pool for the next attempt; a
     * longer answer is cut off, which closes its connection. A body that breaks off leaves what was read.
     */
    private static final class FirstPart implements HttpResponse.BodySubscriber<String> {
        private final CompletableFuture<String> text = new CompletableFuture<>();
        private final byte[] kept = new byte[DETAIL_BYTES];
        private int keptBytes;
        private long readBytes;
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<String> getBody() {
            return text;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), kept.length - keptBytes);
                buffer.get(kept, keptBytes, take);
                keptBytes += take;
                readBytes += take + buffer.remaining();
            }
            if (readBytes > DISCARD_BYTES) {
                subscription.cancel();
                onComplete();
            }
        }

        @Override
        public void onError(Throwable error) {
            onComplete();
        }

        @Override
        public void onComplete() {
            text.complete(new String(kept, 0, keptBytes, StandardCharsets.UTF_8));
        }
    }

    private static AttemptResult resultOf(HttpResponse<String> response) {
        int status = response.statusCode();
        String firstPart = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            return new AttemptResult.Delivered(status, firstPart);
        }
        if (status == 410) {
            return new AttemptResult.Refused(status, firstPart);
        }
        String detail = firstPart.isEmpty() ? "HTTP " + status : firstPart;
        return new AttemptResult.Failed(status, detail);
    }

    private AttemptResult timedOut() {
        return new AttemptResult.Failed(null, "no answer from " + settings.url().getHost() + " within "
                + format(settings.timeout()));
    }

    private AttemptResult failure(Throwable error) {
        if (error instanceof HttpTimeoutException) {
            return timedOut();
        }
        Throwable cause = error;
        while (cause.getCause() != null && !(cause instanceof ConnectException)) {
            cause = cause.getCause();
        }
        String what = cause instanceof ConnectException ? "cannot connect to " : "request failed to ";
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new AttemptResult.Failed(null, what + settings.url().getHost() + ":" + port() + ": " + message);
    }

    private int port() {
        int port = settings.url().getPort();
        return port >= 0 ? port : "https".equalsIgnoreCase(settings.url().getScheme()) ? 443 : 80;
    }

    private static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
