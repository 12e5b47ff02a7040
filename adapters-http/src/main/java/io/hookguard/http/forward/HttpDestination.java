package io.hookguard.http.forward;

import io.hookguard.domain.outbox.AttemptResult;
import io.hookguard.domain.outbox.Destination;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.OutboundMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private static final String USER_AGENT = "Hookguard-Webhooks";

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
        CompletableFuture<Answer> answer = client
                .sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(HttpDestination::firstPart);
        try {
            return resultOf(answer.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return timedOut();
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return new AttemptResult.Failed(null, "interrupted before " + settings.url().getHost() + " answered");
        } catch (ExecutionException e) {
            return failure(e.getCause() == null ? e : e.getCause());
        }
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

    private record Answer(int status, String firstPart) {
    }

    private static Answer firstPart(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            byte[] first = body.readNBytes(DETAIL_BYTES);
            return new Answer(response.statusCode(), new String(first, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Answer(response.statusCode(), "");
        }
    }

    private static AttemptResult resultOf(Answer answer) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return new AttemptResult.Delivered(status, answer.firstPart());
        }
        if (status == 410) {
            return new AttemptResult.Refused(status, answer.firstPart());
        }
        String detail = answer.firstPart().isEmpty() ? "HTTP " + status : answer.firstPart();
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
