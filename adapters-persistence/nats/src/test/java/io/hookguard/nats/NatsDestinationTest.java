package io.hookguard.nats;

import static io.hookguard.nats.Messages.message;
import static io.hookguard.nats.Messages.ordered;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.outbox.AttemptResult;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.MessageId;
import io.hookguard.domain.outbox.OutboundMessage;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The destination against a real JetStream server, each test on a stream and subject of its own. */
class NatsDestinationTest {

    private static final DestinationName WORKERS = new DestinationName("workers");

    private String stream;
    private String subject;
    private final List<NatsDestination> destinations = new ArrayList<>();

    @BeforeEach
    void names() {
        NatsTestServer.url();
        stream = NatsTestServer.uniqueName("HGTEST");
        subject = "hgtest." + stream.toLowerCase() + ".events";
    }

    @AfterEach
    void cleanUp() {
        destinations.forEach(NatsDestination::close);
        NatsTestServer.deleteStream(stream);
    }

    @Test
    void everyMessageIsStoredOnceWithItsIdAndHeaders() {
        NatsDestination destination = destination(stream);
        List<OutboundMessage> sent = new ArrayList<>();
        for (int n = 0; n < 25; n++) {
            OutboundMessage message = n % 5 == 0
                    ? message(WORKERS, null, "delivery-" + n, null, "{\"n\":" + n + "}")
                    : message(WORKERS, n);
            sent.add(message);
            assertThat(destination.send(message)).isInstanceOf(AttemptResult.Delivered.class);
        }

        List<MessageInfo> stored = NatsTestServer.messages(stream);
        assertThat(stored).hasSize(sent.size());
        assertThat(stored).extracting(m -> m.getHeaders().getFirst(NatsHeaders.MESSAGE_ID))
                .containsExactlyElementsOf(sent.stream().map(m -> m.id().value()).toList())
                .doesNotHaveDuplicates();
        for (int i = 0; i < sent.size(); i++) {
            OutboundMessage message = sent.get(i);
            MessageInfo info = stored.get(i);
            assertThat(info.getSubject()).isEqualTo(subject);
            assertThat(info.getData()).isEqualTo(message.body());
            assertThat(info.getHeaders().getFirst(NatsHeaders.SOURCE)).isEqualTo("github");
            assertThat(info.getHeaders().getFirst(NatsHeaders.DELIVERY_ID)).isEqualTo(message.deliveryKey());
            assertThat(info.getHeaders().getFirst(NatsHeaders.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(info.getHeaders().get(NatsHeaders.EVENT))
                    .isEqualTo(message.event().map(List::of).orElse(null));
        }
    }

    @Test
    void messagesOfOneOrderingKeyAreOnTheSubjectInTheOrderSent() {
        NatsDestination destination = destination(stream);
        List<String> sentIds = new ArrayList<>();
        for (int n = 1; n <= 12; n++) {
            OutboundMessage message = ordered(WORKERS, "issue-42", n);
            sentIds.add(message.id().value());
            assertThat(destination.send(message)).isInstanceOf(AttemptResult.Delivered.class);
        }

        assertThat(NatsTestServer.messages(stream))
                .extracting(m -> m.getHeaders().getFirst(NatsHeaders.MESSAGE_ID))
                .containsExactlyElementsOf(sentIds);
        assertThat(NatsTestServer.messages(stream))
                .extracting(m -> new String(m.getData(), StandardCharsets.UTF_8))
                .containsExactly("{\"phase\":1}", "{\"phase\":2}", "{\"phase\":3}", "{\"phase\":4}",
                        "{\"phase\":5}", "{\"phase\":6}", "{\"phase\":7}", "{\"phase\":8}", "{\"phase\":9}",
                        "{\"phase\":10}", "{\"phase\":11}", "{\"phase\":12}");
    }

    @Test
    void republishedIdIsStoredOnceAndCountsAsDelivered() {
        NatsDestination destination = destination(stream);
        OutboundMessage message = message(WORKERS, 1);

        AttemptResult first = destination.send(message);
        AttemptResult again = destination.send(message);

        assertThat(first).isInstanceOf(AttemptResult.Delivered.class);
        assertThat(first.detail()).contains("stream " + stream);
        assertThat(again).isInstanceOf(AttemptResult.Delivered.class);
        assertThat(again.detail()).contains("already had it");
        assertThat(NatsTestServer.messages(stream)).hasSize(1);
    }

    @Test
    void republishFromASecondInstanceIsStoredOnce() {
        OutboundMessage message = message(WORKERS, 7);

        assertThat(destination(stream).send(message)).isInstanceOf(AttemptResult.Delivered.class);
        assertThat(destination(stream).send(message)).isInstanceOf(AttemptResult.Delivered.class);

        assertThat(NatsTestServer.messages(stream)).hasSize(1);
    }

    @Test
    void missingStreamIsCreatedWithADuplicateWindowCoveringTheLongestRetryDelay() {
        NatsSettings settings = new NatsSettings(WORKERS, NatsTestServer.url(), subject, stream,
                Duration.ofSeconds(5), Duration.ofHours(10));
        NatsDestination destination = track(new NatsDestination(settings));

        assertThat(destination.send(message(WORKERS, 1))).isInstanceOf(AttemptResult.Delivered.class);

        StreamConfiguration config = NatsTestServer.streamInfo(stream).getConfiguration();
        assertThat(config.getSubjects()).containsExactly(subject);
        assertThat(config.getStorageType()).isEqualTo(StorageType.File);
        assertThat(config.getDuplicateWindow()).isEqualTo(Duration.ofHours(12).plusMinutes(30).plusSeconds(5));
    }

    @Test
    void existingStreamIsLeftAsItIs() throws Exception {
        NatsTestServer.management().addStream(StreamConfiguration.builder().name(stream)
                .subjects(subject).storageType(StorageType.Memory).duplicateWindow(Duration.ofMinutes(2))
                .description("the operator's").build());
        NatsDestination destination = destination(stream);

        assertThat(destination.send(message(WORKERS, 1))).isInstanceOf(AttemptResult.Delivered.class);

        StreamConfiguration config = NatsTestServer.streamInfo(stream).getConfiguration();
        assertThat(config.getDuplicateWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.getStorageType()).isEqualTo(StorageType.Memory);
        assertThat(config.getDescription()).isEqualTo("the operator's");
        assertThat(NatsTestServer.messages(stream)).hasSize(1);
    }

    @Test
    void subjectThatNoStreamCapturesFailsTheAttempt() {
        NatsDestination destination = destination(null);

        AttemptResult result = destination.send(message(WORKERS, 1));

        assertThat(result).isInstanceOf(AttemptResult.Failed.class);
        assertThat(result.detail()).containsIgnoringCase("no responders");
    }

    @Test
    void messageLargerThanTheServerAcceptsIsRefused() {
        NatsDestination destination = destination(stream);
        long maxPayload = NatsTestServer.connection().getMaxPayload();
        OutboundMessage huge = new OutboundMessage(MessageId.random(), WORKERS, null, "github", "big", "push",
                "application/octet-stream", new byte[(int) maxPayload + 1], Messages.WRITTEN);

        AttemptResult result = destination.send(huge);

        assertThat(result).isInstanceOf(AttemptResult.Refused.class);
        assertThat(result.detail()).contains("max_payload");
    }

    @Test
    void nonAsciiHeaderValuesArrivePercentEncoded() {
        NatsDestination destination = destination(stream);
        OutboundMessage message = message(WORKERS, null, "lieferung-äö 100%", "ping", "{}");

        assertThat(destination.send(message)).isInstanceOf(AttemptResult.Delivered.class);

        assertThat(NatsTestServer.messages(stream).get(0).getHeaders().getFirst(NatsHeaders.DELIVERY_ID))
                .isEqualTo("lieferung-%C3%A4%C3%B6 100%25");
    }

    @Test
    void sendAfterCloseFailsWithoutThrowing() {
        NatsDestination destination = destination(stream);
        destination.close();

        AttemptResult result = destination.send(message(WORKERS, 1));

        assertThat(result).isInstanceOf(AttemptResult.Failed.class);
        assertThat(result.detail()).contains("closed");
    }

    private NatsDestination destination(String streamName) {
        return track(new NatsDestination(NatsSettings.withDefaults(WORKERS, NatsTestServer.url(), subject,
                streamName)));
    }

    private NatsDestination track(NatsDestination destination) {
        destinations.add(destination);
        return destination;
    }
}
