package io.hookguard.nats;

import static io.hookguard.nats.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.outbox.AttemptResult;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.OutboundMessage;
import io.hookguard.domain.testing.MutableClock;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NATS going away and coming back under a running destination, on a nats-server of the test's own: sends fail
 * while it is gone, nothing is lost or stored twice once it is back, and no restart of the destination is needed.
 */
class NatsDestinationOutageTest {

    private static final DestinationName WORKERS = new DestinationName("workers");
    private static final String STREAM = "HOOKGUARD";
    private static final String SUBJECT = "hookguard.events";
    /** How many times the test plays the dispatcher's retry, pacing them while the real server comes back. */
    private static final int MAX_RETRIES = 300;

    private final MutableClock clock = MutableClock.startingAt("2026-12-01T09:00:00Z");

    @Test
    void sendsFailWhileNatsIsDownAndEveryMessageIsStoredOnceAfterItReturns(@TempDir Path directory)
            throws Exception {
        try (PrivateNatsServer server = PrivateNatsServer.start(directory);
                NatsDestination destination = new NatsDestination(settings(server.url()), clock)) {
            List<OutboundMessage> before = messages(0, 10);
            for (OutboundMessage message : before) {
                assertThat(destination.send(message)).isInstanceOf(AttemptResult.Delivered.class);
            }

            server.stop();
            List<OutboundMessage> during = messages(10, 10);
            List<AttemptResult> whileDown = during.stream().map(destination::send).toList();
            assertThat(whileDown).allSatisfy(result -> assertThat(result).isInstanceOf(AttemptResult.Failed.class));

            server.restart();
            for (OutboundMessage message : during) {
                assertThat(retryUntilDelivered(destination, message)).isInstanceOf(AttemptResult.Delivered.class);
            }
            // The last message before the outage once more, as after an acknowledgement lost with the connection.
            assertThat(destination.send(before.get(before.size() - 1)))
                    .isInstanceOf(AttemptResult.Delivered.class);

            assertThat(storedIds(server)).containsExactlyElementsOf(
                    Stream.concat(before.stream(), during.stream()).map(m -> m.id().value()).toList());
        }
    }

    @Test
    void destinationCreatedWhileNatsIsDownConnectsOnceItIsUp(@TempDir Path directory) throws Exception {
        try (PrivateNatsServer server = PrivateNatsServer.start(directory)) {
            server.stop();
            try (NatsDestination destination = new NatsDestination(settings(server.url()), clock)) {
                OutboundMessage message = message(WORKERS, 1);

                AttemptResult first = destination.send(message);
                AttemptResult soonAfter = destination.send(message);

                assertThat(first).isInstanceOf(AttemptResult.Failed.class);
                assertThat(first.detail()).contains("is not reachable");
                assertThat(soonAfter).isInstanceOf(AttemptResult.Failed.class);
                assertThat(soonAfter.detail()).contains("was not reachable");

                server.restart();
                assertThat(retryUntilDelivered(destination, message)).isInstanceOf(AttemptResult.Delivered.class);
                assertThat(storedIds(server)).containsExactly(message.id().value());
            }
        }
    }

    @Test
    void streamDeletedWhileRunningIsCreatedAgainOnTheNextAttempt(@TempDir Path directory) throws Exception {
        try (PrivateNatsServer server = PrivateNatsServer.start(directory);
                NatsDestination destination = new NatsDestination(settings(server.url()), clock);
                Connection inspection = NatsTestServer.connect(server.url())) {
            assertThat(destination.send(message(WORKERS, 1))).isInstanceOf(AttemptResult.Delivered.class);
            NatsTestServer.deleteStream(inspection.jetStreamManagement(), STREAM);
            OutboundMessage next = message(WORKERS, 2);

            AttemptResult lost = destination.send(next);
            AttemptResult retried = destination.send(next);

            assertThat(lost).isInstanceOf(AttemptResult.Failed.class);
            assertThat(retried).isInstanceOf(AttemptResult.Delivered.class);
            assertThat(storedIds(server)).containsExactly(next.id().value());
        }
    }

    private AttemptResult retryUntilDelivered(NatsDestination destination, OutboundMessage message)
            throws InterruptedException {
        AttemptResult result = destination.send(message);
        for (int attempt = 1; attempt < MAX_RETRIES && !(result instanceof AttemptResult.Delivered); attempt++) {
            clock.advance(Duration.ofSeconds(5));
            Thread.sleep(100);
            result = destination.send(message);
        }
        return result;
    }

    private static List<String> storedIds(PrivateNatsServer server) throws Exception {
        try (Connection inspection = NatsTestServer.connect(server.url())) {
            return NatsTestServer.messages(inspection.jetStreamManagement(), STREAM).stream()
                    .map(m -> m.getHeaders().getFirst(NatsHeaders.MESSAGE_ID))
                    .toList();
        }
    }

    private static List<OutboundMessage> messages(int first, int count) {
        List<OutboundMessage> messages = new ArrayList<>();
        for (int n = first; n < first + count; n++) {
            messages.add(message(WORKERS, n));
        }
        return messages;
    }

    private static NatsSettings settings(String url) {
        return new NatsSettings(WORKERS, url, SUBJECT, STREAM, Duration.ofSeconds(2), Duration.ofHours(10));
    }
}
