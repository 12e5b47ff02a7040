package io.hookguard.nats;

import io.hookguard.domain.outbox.AttemptResult;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.MessageId;
import io.hookguard.domain.outbox.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Publishes a few messages through the real {@link NatsDestination}, as the dispatcher would, for the consumer
 * demo: {@code java ... io.hookguard.nats.NatsPublishDemo [url] [stream] [subject] [count] [first number]}.
 */
public final class NatsPublishDemo {

    private NatsPublishDemo() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "nats://127.0.0.1:4222";
        String stream = args.length > 1 ? args[1] : "HOOKGUARD";
        String subject = args.length > 2 ? args[2] : "hookguard.events";
        int count = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int first = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        DestinationName name = new DestinationName("workers");
        try (NatsDestination destination = new NatsDestination(
                NatsSettings.withDefaults(name, url, subject, stream))) {
            for (int n = first; n < first + count; n++) {
                String body = "{\"type\":\"phase.completed\",\"data\":{\"phase_number\":" + n + "}}";
                OutboundMessage message = new OutboundMessage(MessageId.random(), name, null, "workflow_complete",
                        "demo-" + n, "phase.completed", "application/json",
                        body.getBytes(StandardCharsets.UTF_8), Instant.now());
                AttemptResult result = destination.send(message);
                System.out.println(message.id() + " " + result);
            }
        }
    }
}
