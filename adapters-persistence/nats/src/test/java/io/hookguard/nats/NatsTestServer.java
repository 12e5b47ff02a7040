package io.hookguard.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.LoggerFactory;

/**
 * The NATS JetStream server tests run against: the one named by {@value #URL_VARIABLE}, else
 * {@value #DEFAULT_URL}. Where none answers with JetStream, a test that asks for it is skipped with the reason.
 * Tests share it, so each one uses streams and subjects of its own and deletes them afterwards.
 */
public final class NatsTestServer {

    public static final String URL_VARIABLE = "HOOKGUARD_TEST_NATS_URL";
    public static final String DEFAULT_URL = "nats://127.0.0.1:4222";

    private static String url;
    private static String skipReason;
    private static Connection inspection;

    private NatsTestServer() {
    }

    /** The server's URL; aborts the calling test when no JetStream server answers there. */
    public static synchronized String url() {
        if (url == null) {
            String configured = System.getenv(URL_VARIABLE);
            url = configured == null || configured.isBlank() ? DEFAULT_URL : configured.strip();
            skipReason = probe(url);
            if (skipReason != null) {
                LoggerFactory.getLogger(NatsTestServer.class).warn(skipReason);
            }
        }
        Assumptions.assumeTrue(skipReason == null, () -> skipReason);
        return url;
    }

    /** A name no other test uses, fit for a stream and as a subject token. */
    public static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
    }

    /** A connection of the test's own, to look at streams behind the destination's back. */
    public static synchronized Connection connection() {
        if (inspection == null) {
            inspection = connect(url());
        }
        return inspection;
    }

    public static JetStreamManagement management() {
        try {
            return connection().jetStreamManagement();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes the stream if it exists (never anything else: the server may be shared). */
    public static void deleteStream(String stream) {
        deleteStream(management(), stream);
    }

    static void deleteStream(JetStreamManagement management, String stream) {
        try {
            management.deleteStream(stream);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != StreamSetup.STREAM_NOT_FOUND) {
                throw new IllegalStateException(e);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<MessageInfo> messages(String stream) {
        return messages(management(), stream);
    }

    /** Every message the stream holds, in sequence order. */
    static List<MessageInfo> messages(JetStreamManagement management, String stream) {
        try {
            StreamState state = management.getStreamInfo(stream).getStreamState();
            List<MessageInfo> found = new ArrayList<>();
            if (state.getMsgCount() == 0) {
                return found;
            }
            for (long seq = state.getFirstSequence(); seq <= state.getLastSequence(); seq++) {
                found.add(management.getMessage(stream, seq));
            }
            return found;
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException(e);
        }
    }

    public static StreamInfo streamInfo(String stream) {
        try {
            return management().getStreamInfo(stream);
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException(e);
        }
    }

    static Connection connect(String url) {
        try {
            return Nats.connect(new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(2))
                    .maxReconnects(-1).reconnectWait(Duration.ofMillis(200)).build());
        } catch (IOException e) {
            throw new IllegalStateException("cannot connect to " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String probe(String url) {
        Options options = new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(2))
                .noReconnect().build();
        try (Connection connection = Nats.connect(options)) {
            connection.jetStreamManagement().getAccountStatistics();
            return null;
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            return "NATS tests skipped: no NATS server with JetStream answers at " + url + " (" + e.getMessage()
                    + "); start one (nats-server -js) or set " + URL_VARIABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "NATS tests skipped: interrupted while probing " + url;
        }
    }
}
