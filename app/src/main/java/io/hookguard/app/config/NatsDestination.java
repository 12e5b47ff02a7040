package io.hookguard.app.config;

import io.hookguard.domain.outbox.DestinationName;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A NATS JetStream destination: messages are published to {@code subject} on the server at {@code url}
 * with {@code Nats-Msg-Id} set to the message id; {@code stream}, when given, is created if missing.
 */
public record NatsDestination(DestinationName name, URI url, String subject, Optional<String> stream,
        List<Duration> retry) implements DestinationConfig {

    static final String URL_FORM = "a NATS URL such as nats://127.0.0.1:4222";
    static final String SUBJECT_FORM = "a NATS subject such as hookguard.events: dot-separated tokens of letters,"
            + " digits, '_' and '-', no wildcards, at most 255 characters";
    static final String STREAM_FORM = "a JetStream stream name of 1..64 letters, digits, '_' and '-'";

    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern STREAM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public NatsDestination {
        Objects.requireNonNull(name, "'name' is required");
        checkUrl(Objects.requireNonNull(url, "'url' is required").toString());
        checkSubject(Objects.requireNonNull(subject, "'subject' is required"));
        Objects.requireNonNull(stream, "'stream' is required (Optional.empty() for none)");
        stream.ifPresent(NatsDestination::checkStream);
        retry = DestinationConfig.checkedRetry(retry);
    }

    static URI checkUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new Invalid("'" + text + "' is not a URL", URL_FORM);
        }
        boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!"nats".equals(uri.getScheme()) || uri.getHost() == null || uri.getHost().isEmpty() || !pathless
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new Invalid("'" + text + "' is not a nats://host:port URL", URL_FORM);
        }
        return uri;
    }

    static String checkSubject(String subject) {
        if (subject.length() > 255 || !SUBJECT.matcher(subject).matches()) {
            throw new Invalid("'" + subject + "' is not a subject to publish to", SUBJECT_FORM);
        }
        return subject;
    }

    static String checkStream(String stream) {
        if (!STREAM.matcher(stream).matches()) {
            throw new Invalid("'" + stream + "' is not a stream name", STREAM_FORM);
        }
        return stream;
    }

    /** Never prints credentials of the URL. */
    @Override
    public String toString() {
        String shown = url.getRawUserInfo() == null ? url.toString()
                : url.getScheme() + "://***@" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        return "NatsDestination[name=" + name + ", url=" + shown + ", subject=" + subject + ", stream="
                + stream.orElse("(none)") + ", retry=" + retry + "]";
    }
}
