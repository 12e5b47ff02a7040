package io.hookguard.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A worker as a user would write one: it binds to a durable pull consumer of the stream Hookguard publishes to,
 * fetches a few messages at a time, handles and acknowledges them. Start it twice and the two share the work.
 *
 * <p>{@code java ... io.hookguard.nats.NatsConsumerDemo [url] [stream] [durable] [worker name]}; with
 * {@code [url] [stream] --delete} it deletes the stream instead (the demo script cleans up with it).
 */
public final class NatsConsumerDemo {

    private NatsConsumerDemo() {
    }

    public static void main(String[] args) throws Exception {
        String url = arg(args, 0, "nats://127.0.0.1:4222");
        String stream = arg(args, 1, "HOOKGUARD");
        String durable = arg(args, 2, "workers");
        if ("--delete".equals(durable)) {
            try (Connection connection = Nats.connect(url)) {
                connection.jetStreamManagement().deleteStream(stream);
            }
            return;
        }
        String worker = arg(args, 3, "worker-" + ProcessHandle.current().pid());
        try (Connection connection = Nats.connect(url)) {
            ensureConsumer(connection.jetStreamManagement(), stream, durable);
            JetStreamSubscription subscription = subscribe(connection, stream, durable);
            System.out.println(worker + " waiting for messages on stream " + stream);
            while (!Thread.currentThread().isInterrupted()) {
                for (Message message : subscription.fetch(10, Duration.ofSeconds(1))) {
                    System.out.println(worker + " " + describe(message));
                    message.ack();
                }
            }
        }
    }

    /** Creates the durable pull consumer every worker binds to, if it is not there yet. */
    static void ensureConsumer(JetStreamManagement management, String stream, String durable)
            throws IOException, JetStreamApiException {
        management.addOrUpdateConsumer(stream, ConsumerConfiguration.builder()
                .durable(durable)
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(Duration.ofSeconds(30))
                .build());
    }

    static JetStreamSubscription subscribe(Connection connection, String stream, String durable)
            throws IOException, JetStreamApiException {
        return connection.jetStream().subscribe(null, PullSubscribeOptions.bind(stream, durable));
    }

    static String describe(Message message) {
        return message.getHeaders().getFirst(NatsHeaders.MESSAGE_ID)
                + " source=" + message.getHeaders().getFirst(NatsHeaders.SOURCE)
                + " event=" + message.getHeaders().getFirst(NatsHeaders.EVENT)
                + " delivery=" + message.getHeaders().getFirst(NatsHeaders.DELIVERY_ID)
                + " body=" + new String(message.getData(), StandardCharsets.UTF_8);
    }

    static List<Message> fetch(JetStreamSubscription subscription) {
        return subscription.fetch(5, Duration.ofMillis(500));
    }

    private static String arg(String[] args, int index, String fallback) {
        return args.length > index && !args[index].isBlank() ? args[index] : fallback;
    }
}
