package io.hookguard.nats;

import io.hookguard.domain.outbox.AttemptResult;
import io.hookguard.domain.outbox.Destination;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.OutboundMessage;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A destination that publishes each message to a NATS JetStream subject, with the message id as
 * {@code Nats-Msg-Id} so that JetStream drops a republish within its duplicate window.
 *
 * <p>One {@link #send} is one publish: {@link AttemptResult.Delivered} once JetStream acknowledges it (also when it
 * acknowledges it as a duplicate: it already has the message), {@link AttemptResult.Failed} when no
 * acknowledgement arrives within the timeout, no stream captures the subject, or the connection is down — the
 * dispatcher retries on its schedule. Nothing is queued or retried here.
 *
 * <p>The connection is opened on the first send, so that Hookguard starts while NATS is down; until it succeeds,
 * a send fails at once and a new connect is tried at most once per {@value #RECONNECT_WAIT_SECONDS} s. Once
 * connected, the client reconnects by itself without limit; a send while it is reconnecting fails at once.
 */
public final class NatsDestination implements Destination, AutoCloseable {

    static final int RECONNECT_WAIT_SECONDS = 1;
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(RECONNECT_WAIT_SECONDS);
    /** Two unanswered pings and the client drops the connection and reconnects: a dead link shows in seconds. */
    private static final Duration PING_INTERVAL = Duration.ofSeconds(5);
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** What the client keeps of publishes caught by a disconnect; they are republished under the same id anyway. */
    private static final long RECONNECT_BUFFER_BYTES = 8L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(NatsDestination.class);

    private final NatsSettings settings;
    private final Clock clock;
    private final Options options;
    private final PublishOptions publishOptions;
    private final StreamSetup streamSetup;
    private final Object connectLock = new Object();

    private volatile Link link;
    private volatile boolean streamReady;
    private volatile boolean closed;
    private Instant nextConnectAttempt = Instant.MIN;
    private String lastConnectError = "";

    public NatsDestination(NatsSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** The clock paces connect attempts while NATS is unreachable. */
    public NatsDestination(NatsSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "'settings' is required");
        this.clock = Objects.requireNonNull(clock, "'clock' is required");
        this.options = clientOptions(settings);
        PublishOptions.Builder publish = PublishOptions.builder().streamTimeout(settings.ackTimeout());
        settings.streamName().ifPresent(publish::expectedStream);
        this.publishOptions = publish.build();
        this.streamSetup = new StreamSetup(settings);
    }

    @Override
    public DestinationName name() {
        return settings.name();
    }

    public NatsSettings settings() {
        return settings;
    }

    /** One publish; a failed attempt is returned, never thrown. */
    @Override
    public AttemptResult send(OutboundMessage message) {
        Objects.requireNonNull(message, "'message' is required");
        try {
            Link current = connected();
            try {
                ensureStream(current);
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                return new AttemptResult.Failed(null, "cannot make sure stream " + settings.stream()
                        + " exists: " + describe(e));
            }
            return publish(current, message);
        } catch (NotConnected e) {
            return new AttemptResult.Failed(null, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AttemptResult.Failed(null, "interrupted while publishing to NATS");
        } catch (JetStreamApiException e) {
            streamReady = false;
            return new AttemptResult.Failed(null, "JetStream refused the publish: " + describe(e));
        } catch (IOException | RuntimeException e) {
            streamReady = false;
            return new AttemptResult.Failed(null, "no JetStream acknowledgement: " + describe(e));
        }
    }

    private AttemptResult publish(Link current, OutboundMessage message)
            throws IOException, JetStreamApiException {
        Headers headers = NatsHeaders.of(message);
        long size = (long) message.body().length + headers.serializedLength();
        long maxPayload = current.connection().getMaxPayload();
        if (maxPayload > 0 && size > maxPayload) {
            return new AttemptResult.Refused(null, "the message takes " + size
                    + " bytes with its headers; the NATS server accepts at most " + maxPayload + " (max_payload)");
        }
        NatsMessage outgoing = NatsMessage.builder()
                .subject(settings.subject())
                .headers(headers)
                .data(message.body())
                .build();
        PublishAck ack = current.jetStream().publish(outgoing, publishOptions);
        if (ack.isDuplicate()) {
            return new AttemptResult.Delivered(null, "JetStream already had it (duplicate of stream "
                    + ack.getStream() + " sequence " + ack.getSeqno() + ")");
        }
        return new AttemptResult.Delivered(null, "stored in stream " + ack.getStream() + " at sequence "
                + ack.getSeqno());
    }

    private void ensureStream(Link current) throws IOException, JetStreamApiException {
        if (streamReady || settings.streamName().isEmpty()) {
            return;
        }
        streamSetup.ensure(current.connection().jetStreamManagement());
        streamReady = true;
    }

    private Link connected() throws NotConnected, InterruptedException {
        Link current = link;
        if (current == null || current.connection().getStatus() == Connection.Status.CLOSED) {
            current = connect();
        }
        Connection.Status status = current.connection().getStatus();
        if (status != Connection.Status.CONNECTED) {
            throw new NotConnected("not connected to NATS at " + settings.maskedUrl() + " (" + status
                    + "); the client is reconnecting");
        }
        return current;
    }

    private Link connect() throws NotConnected, InterruptedException {
        synchronized (connectLock) {
            if (closed) {
                throw new NotConnected("the NATS destination '" + settings.name() + "' is closed");
            }
            Link current = link;
            if (current != null && current.connection().getStatus() != Connection.Status.CLOSED) {
                return current;
            }
            Instant now = clock.instant();
            if (now.isBefore(nextConnectAttempt)) {
                throw new NotConnected("NATS at " + settings.maskedUrl() + " was not reachable: " + lastConnectError);
            }
            try {
                Connection connection = Nats.connect(options);
                current = new Link(connection, connection.jetStream());
                link = current;
                streamReady = false;
                LOG.info("NATS destination '{}' connected to {}", settings.name(), settings.maskedUrl());
                return current;
            } catch (IOException | RuntimeException e) {
                nextConnectAttempt = now.plus(RECONNECT_WAIT);
                lastConnectError = describe(e);
                LOG.warn("NATS destination '{}' cannot connect to {}: {}", settings.name(), settings.maskedUrl(),
                        lastConnectError);
                throw new NotConnected("NATS at " + settings.maskedUrl() + " is not reachable: " + lastConnectError);
            }
        }
    }

    /** Closes the connection; later sends fail. */
    @Override
    public void close() {
        synchronized (connectLock) {
            closed = true;
            Link current = link;
            link = null;
            if (current != null) {
                try {
                    current.connection().close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private Options clientOptions(NatsSettings settings) {
        Duration connectTimeout = settings.ackTimeout().compareTo(MAX_CONNECT_TIMEOUT) < 0
                ? settings.ackTimeout() : MAX_CONNECT_TIMEOUT;
        return Options.builder()
                .server(settings.url())
                .connectionName("hookguard-" + settings.name())
                .connectionTimeout(connectTimeout)
                .maxReconnects(-1)
                .reconnectWait(RECONNECT_WAIT)
                .reconnectBufferSize(RECONNECT_BUFFER_BYTES)
                .pingInterval(PING_INTERVAL)
                .maxPingsOut(2)
                .connectionListener(new ConnectionLog())
                .errorListener(new ErrorLog())
                .build();
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.strip().replaceAll("\\s+", " ");
    }

    private record Link(Connection connection, JetStream jetStream) {
    }

    /** Why a send did not reach a connected client; its message becomes the attempt's detail. */
    private static final class NotConnected extends Exception {
        private static final long serialVersionUID = 1L;

        NotConnected(String message) {
            super(message, null, false, false);
        }
    }

    /** One line when the connection goes and one when it is back, however many events the client reports. */
    private final class ConnectionLog implements ConnectionListener {
        private final AtomicBoolean down = new AtomicBoolean();

        @Override
        public void connectionEvent(Connection connection, Events event) {
            Link current = link;
            boolean ours = current != null && current.connection() == connection;
            switch (event) {
                case DISCONNECTED -> {
                    if (ours && down.compareAndSet(false, true)) {
                        LOG.warn("NATS destination '{}' lost its connection to {}; reconnecting", settings.name(),
                                settings.maskedUrl());
                    }
                }
                case RECONNECTED -> {
                    streamReady = false;
                    if (down.compareAndSet(true, false)) {
                        LOG.info("NATS destination '{}' reconnected to {}", settings.name(), settings.maskedUrl());
                    }
                }
                case LAME_DUCK -> LOG.warn("NATS server {} is shutting down (lame duck mode)", settings.maskedUrl());
                default -> LOG.debug("NATS destination '{}': {}", settings.name(), event);
            }
        }
    }

    /** The client's asynchronous errors as one line each, never a stack trace. */
    private final class ErrorLog implements ErrorListener {
        @Override
        public void errorOccurred(Connection connection, String error) {
            LOG.warn("NATS destination '{}': server error: {}", settings.name(), error);
        }

        @Override
        public void exceptionOccurred(Connection connection, Exception exception) {
            LOG.debug("NATS destination '{}': {}", settings.name(), describe(exception));
        }
    }
}
