package io.hookguard.app.forwarding;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads a JetStream stream behind Hookguard's back: what a consumer would find there. */
final class Streams implements AutoCloseable {

    /** One stored message: its id header, the hookguard-* headers, subject, body and when the server stored it. */
    record Stored(String msgId, String source, String event, String deliveryId, String subject, String body,
            Instant storedAt) {

        String type() {
            return field("type");
        }

        String field(String name) {
            java.util.regex.Matcher matcher = java.util.regex.Pattern
                    .compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|(-?\\d+))").matcher(body);
            return matcher.find() ? (matcher.group(2) != null ? matcher.group(2) : matcher.group(3)) : null;
        }
    }

    private final Connection connection;

    private Streams(Connection connection) {
        this.connection = connection;
    }

    static Streams connect(String url) throws IOException, InterruptedException {
        return new Streams(Nats.connect(new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(2))
                .maxReconnects(-1).reconnectWait(Duration.ofMillis(200)).build()));
    }

    /** Every message of {@code stream} in sequence order; empty when the stream does not exist (yet). */
    List<Stored> messages(String stream) {
        try {
            var management = connection.jetStreamManagement();
            StreamState state;
            try {
                state = management.getStreamInfo(stream).getStreamState();
            } catch (JetStreamApiException notThere) {
                return List.of();
            }
            List<Stored> found = new ArrayList<>();
            for (long seq = state.getFirstSequence(); state.getMsgCount() > 0 && seq <= state.getLastSequence(); seq++) {
                MessageInfo info = management.getMessage(stream, seq);
                var headers = info.getHeaders();
                found.add(new Stored(headers == null ? null : headers.getFirst("Nats-Msg-Id"),
                        headers == null ? null : headers.getFirst("hookguard-source"),
                        headers == null ? null : headers.getFirst("hookguard-event"),
                        headers == null ? null : headers.getFirst("hookguard-delivery-id"),
                        info.getSubject(), new String(info.getData(), StandardCharsets.UTF_8),
                        info.getTime() == null ? null : info.getTime().toInstant()));
            }
            return found;
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException(e);
        }
    }

    void deleteStream(String stream) {
        try {
            connection.jetStreamManagement().deleteStream(stream);
        } catch (IOException | JetStreamApiException e) {
            // already gone
        }
    }

    @Override
    public void close() throws InterruptedException {
        connection.close();
    }
}
