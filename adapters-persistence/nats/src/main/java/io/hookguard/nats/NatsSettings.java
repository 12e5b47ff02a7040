package io.hookguard.nats;

import io.hookguard.domain.outbox.DestinationName;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a NATS JetStream destination publishes and how long it waits.
 *
 * @param name              the destination's name in the configuration
 * @param url               the server, {@code nats://[user:password@]host[:port]} ({@code tls://} for TLS)
 * @param subject           the subject every message is published to (no wildcards)
 * @param stream            the stream that captures the subject, created if missing; null to leave streams to
 *                          the operator
 * @param ackTimeout        how long one publish waits for the JetStream acknowledgement (also bounds a connect)
 * @param longestRetryDelay the longest delay the dispatcher's schedule can wait before it republishes a message
 *                          whose acknowledgement was lost; the stream's duplicate window must cover it
 */
public record NatsSettings(DestinationName name, String url, String subject, String stream, Duration ackTimeout,
        Duration longestRetryDelay) {

    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(5);
    /** The last delay of the default retry schedule (5s, 1m, 5m, 30m, 2h, 5h, 10h). */
    public static final Duration DEFAULT_LONGEST_RETRY_DELAY = Duration.ofHours(10);
    /** JetStream's own default duplicate window, the least a created stream gets. */
    public static final Duration MIN_DUPLICATE_WINDOW = Duration.ofMinutes(2);
    /** The most a created stream gets: the server keeps every id of the window in memory. */
    public static final Duration MAX_DUPLICATE_WINDOW = Duration.ofHours(24);

    private static final Pattern SUBJECT = Pattern.compile("[!-~&&[^*>.]]+(\\.[!-~&&[^*>.]]+)*");
    private static final Pattern STREAM = Pattern.compile("[!-~&&[^*>./\\\\]]{1,255}");

    public NatsSettings {
        Objects.requireNonNull(name, "'name' is required");
        Objects.requireNonNull(url, "'nats' is required");
        Objects.requireNonNull(subject, "'subject' is required");
        requirePositive(ackTimeout, "ackTimeout");
        requirePositive(longestRetryDelay, "longestRetryDelay");
        if (!isNatsUrl(url)) {
            throw new IllegalArgumentException("'nats' must be a URL such as nats://host:4222 (or tls://host:4222)");
        }
        if (subject.length() > 255 || !SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("'subject' must be 1..255 printable characters in dot-separated"
                    + " tokens, without spaces or the wildcards '*' and '>'");
        }
        if (stream != null && !STREAM.matcher(stream).matches()) {
            throw new IllegalArgumentException(
                    "'stream' must be 1..255 printable characters without spaces, '.', '*', '>', '/' or '\\'");
        }
    }

    /** Settings with the default acknowledgement timeout and the default schedule's longest delay. */
    public static NatsSettings withDefaults(DestinationName name, String url, String subject, String stream) {
        return new NatsSettings(name, url, subject, stream, DEFAULT_ACK_TIMEOUT, DEFAULT_LONGEST_RETRY_DELAY);
    }

    public Optional<String> streamName() {
        return Optional.ofNullable(stream);
    }

    /**
     * The duplicate window a stream needs so that a republish after a lost acknowledgement is still dropped: the
     * longest retry delay with a quarter on top for jitter, plus the acknowledgement timeout, at least JetStream's
     * default of two minutes and at most {@link #MAX_DUPLICATE_WINDOW}.
     */
    public Duration duplicateWindow() {
        Duration needed = longestRetryDelay.plus(longestRetryDelay.dividedBy(4)).plus(ackTimeout);
        if (needed.compareTo(MIN_DUPLICATE_WINDOW) < 0) {
            return MIN_DUPLICATE_WINDOW;
        }
        return needed.compareTo(MAX_DUPLICATE_WINDOW) > 0 ? MAX_DUPLICATE_WINDOW : needed;
    }

    /** Shows the URL with its password masked. */
    @Override
    public String toString() {
        return "NatsSettings[name=" + name + ", url=" + maskedUrl() + ", subject=" + subject + ", stream=" + stream
                + ", ackTimeout=" + ackTimeout + ", longestRetryDelay=" + longestRetryDelay + "]";
    }

    /** The URL without its credentials' secret part, for logs and attempt details. */
    public String maskedUrl() {
        int authority = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (authority < 0 || at < authority) {
            return url;
        }
        String userInfo = url.substring(authority + 3, at);
        int colon = userInfo.indexOf(':');
        String masked = colon < 0 ? "****" : userInfo.substring(0, colon) + ":****";
        return url.substring(0, authority + 3) + masked + url.substring(at);
    }

    private static boolean isNatsUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return ("nats".equals(scheme) || "tls".equals(scheme)) && uri.getHost() != null
                    && (uri.getPath() == null || uri.getPath().isEmpty() || "/".equals(uri.getPath()))
                    && uri.getQuery() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void requirePositive(Duration duration, String field) {
        Objects.requireNonNull(duration, "'" + field + "' is required");
        if (duration.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("'" + field + "' must be at least 1 ms");
        }
    }
}
