package io.hookguard.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.outbox.AttemptResult;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.OutboundMessage;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two workers bound to one durable pull consumer, as in {@link NatsConsumerDemo}, split what Hookguard published. */
class PullConsumersShareTheWorkTest {

    private static final DestinationName WORKERS = new DestinationName("workers");
    private static final int MESSAGES = 40;
    private static final int MAX_EMPTY_FETCHES = 20;

    private String stream;
    private String subject;

    @BeforeEach
    void names() {
        NatsTestServer.url();
        stream = NatsTestServer.uniqueName("HGDEMO");
        subject = "hgdemo." + stream.toLowerCase() + ".events";
    }

    @AfterEach
    void deleteStream() {
        NatsTestServer.deleteStream(stream);
    }

    @Test
    void twoWorkersOnOnePullConsumerShareTheMessagesEachOnce() throws Exception {
        List<String> published = new ArrayList<>();
        try (NatsDestination destination = new NatsDestination(
                NatsSettings.withDefaults(WORKERS, NatsTestServer.url(), subject, stream))) {
            for (int n = 0; n < MESSAGES; n++) {
                OutboundMessage message = Messages.message(WORKERS, n);
                assertThat(destination.send(message)).isInstanceOf(AttemptResult.Delivered.class);
                published.add(message.id().value());
            }
        }
        NatsConsumerDemo.ensureConsumer(NatsTestServer.management(), stream, "workers");

        // Each worker holds its first batch until the other has one too, so neither can take everything.
        CountDownLatch bothStarted = new CountDownLatch(2);
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<String>> first = pool.submit(() -> work(bothStarted, handled));
            Future<List<String>> second = pool.submit(() -> work(bothStarted, handled));
            List<String> byFirst = first.get(60, TimeUnit.SECONDS);
            List<String> bySecond = second.get(60, TimeUnit.SECONDS);

            assertThat(byFirst).isNotEmpty();
            assertThat(bySecond).isNotEmpty();
            assertThat(byFirst).doesNotContainAnyElementsOf(bySecond);
            assertThat(handled).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(published);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> work(CountDownLatch bothStarted, List<String> handled) throws Exception {
        List<String> mine = new ArrayList<>();
        try (Connection connection = NatsTestServer.connect(NatsTestServer.url())) {
            JetStreamSubscription subscription = NatsConsumerDemo.subscribe(connection, stream, "workers");
            int empty = 0;
            boolean started = false;
            while (handled.size() < MESSAGES && empty < MAX_EMPTY_FETCHES) {
                List<Message> batch = NatsConsumerDemo.fetch(subscription);
                if (batch.isEmpty()) {
                    empty++;
                    continue;
                }
                if (!started) {
                    started = true;
                    bothStarted.countDown();
                    bothStarted.await(30, TimeUnit.SECONDS);
                }
                for (Message message : batch) {
                    String id = message.getHeaders().getFirst(NatsHeaders.MESSAGE_ID);
                    mine.add(id);
                    handled.add(id);
                    message.ack();
                }
            }
        }
        return mine;
    }
}
