package io.hookguard.domain.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.Forwarding;
import io.hookguard.domain.outbox.InMemoryOutboxStore;
import io.hookguard.domain.outbox.MessageView;
import io.hookguard.domain.outbox.OutboundEvent;
import io.hookguard.domain.outbox.OutboundMessage;
import io.hookguard.domain.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The intake writes one outbox message per destination for a processed delivery, and none otherwise. */
class ForwardingIntakeTest {

    private static final WebhookType ORDERS = new WebhookType("orders");
    private static final DestinationName BACKEND = new DestinationName("backend");
    private static final DestinationName AUDIT = new DestinationName("audit");

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    private final InMemoryWebhookEventStore store = new InMemoryWebhookEventStore();
    private final InMemoryOutboxStore outbox = new InMemoryOutboxStore();
    private final IdempotencyPolicy policy = IdempotencyPolicy.defaults();
    private final CountingUnitOfWork unitOfWork = new CountingUnitOfWork();
    private final List<Integer> signalledAtDepth = new ArrayList<>();
    private final List<Integer> messagesWhenSignalled = new ArrayList<>();
    private final Forwarding forwarding = new Forwarding(Map.of(
            ORDERS, List.of(BACKEND, AUDIT),
            WebhookType.WORKFLOW_COMPLETE, List.of(BACKEND)));
    private final IdempotentIntake intake = IdempotentIntake.standard(store, unitOfWork, policy, clock, forwarding,
            outbox, () -> {
                signalledAtDepth.add(unitOfWork.depth.get());
                messagesWhenSignalled.add(outbox.all().size());
            });
    private final AtomicInteger effects = new AtomicInteger();

    private static Delivery order(String key, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ReceivedRequest request = ReceivedRequest.of(new Payload("application/json", bytes),
                List.of(new RequestHeader("X-Order", "1")), "order.created");
        return Delivery.of(ORDERS, new DeliveryKey(new WebhookId(key), Fingerprint.of(bytes))).withRequest(request);
    }

    private DeliveryHandler<String> accepting(OutboundEvent... events) {
        return claim -> {
            effects.incrementAndGet();
            return new HandlerOutcome.Success<>("done", "{}", List.of(events));
        };
    }

    private List<OutboundMessage> messages() {
        return outbox.all().stream().map(MessageView::message).toList();
    }

    @Test
    void processedDeliveryWritesTheRequestOncePerDestination() {
        Delivery delivery = order("o-1", "{\"id\":1}");

        IntakeResult<String> result = intake.accept(delivery, accepting());

        assertThat(result).isInstanceOf(IntakeResult.Processed.class);
        assertThat(messages()).extracting(OutboundMessage::destination).containsExactly(BACKEND, AUDIT);
        assertThat(messages()).allSatisfy(message -> {
            assertThat(message.source()).isEqualTo("orders");
            assertThat(message.deliveryKey()).isEqualTo("o-1");
            assertThat(message.eventType()).isEqualTo("order.created");
            assertThat(message.contentType()).isEqualTo("application/json");
            assertThat(new String(message.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
            assertThat(message.orderingKey()).isNull();
            assertThat(message.createdAt()).isEqualTo(clock.instant());
        });
        assertThat(messages()).extracting(OutboundMessage::id).doesNotHaveDuplicates();
    }

    @Test
    void eventsOfTheHandlerAreForwardedInsteadOfTheRequestOnePerEventAndDestination() {
        OutboundEvent first = new OutboundEvent("order.paid", "o-1", new Payload("text/plain", bytes("paid")));
        OutboundEvent second = new OutboundEvent("order.shipped", "o-1", new Payload("text/plain", bytes("shipped")));

        intake.accept(order("o-1", "{\"id\":1}"), accepting(first, second));

        assertThat(messages()).extracting(OutboundMessage::eventType, OutboundMessage::destination)
                .containsExactly(
                        tuple("order.paid", BACKEND),
                        tuple("order.paid", AUDIT),
                        tuple("order.shipped", BACKEND),
                        tuple("order.shipped", AUDIT));
        assertThat(messages()).extracting(OutboundMessage::orderingKey).containsOnly("o-1");
        assertThat(messages()).extracting(message -> new String(message.body(), StandardCharsets.UTF_8))
                .containsExactly("paid", "paid", "shipped", "shipped");
    }

    @Test
    void deliveryWithoutARequestNorEventsWritesNothing() {
        Delivery report = Delivery.of(WebhookType.WORKFLOW_COMPLETE,
                DeliveryKey.forWorkflowCompletion("adw-1", "completed", "q-1"));

        assertThat(intake.accept(report, accepting())).isInstanceOf(IntakeResult.Processed.class);

        assertThat(outbox.all()).isEmpty();
        assertThat(signalledAtDepth).isEmpty();
    }

    @Test
    void sourceWithoutDestinationsWritesNothing() {
        byte[] body = bytes("{}");
        Delivery delivery = Delivery.of(new WebhookType("silent"), new DeliveryKey(new WebhookId("s-1"),
                Fingerprint.of(body))).withRequest(ReceivedRequest.of(new Payload("application/json", body),
                List.of(), null));

        assertThat(intake.accept(delivery, accepting())).isInstanceOf(IntakeResult.Processed.class);

        assertThat(outbox.all()).isEmpty();
    }

    @Test
    void duplicateDeliveryWritesNoSecondMessage() {
        Delivery delivery = order("o-1", "{\"id\":1}");
        intake.accept(delivery, accepting());
        clock.advance(Duration.ofSeconds(5));

        IntakeResult<String> resend = intake.accept(delivery, accepting());
        IntakeResult<String> resendOnAnotherInstance = IdempotentIntake.standard(store, unitOfWork, policy, clock,
                forwarding, outbox, () -> { }).accept(delivery, accepting());

        assertThat(resend).isInstanceOf(IntakeResult.Replayed.class);
        assertThat(resendOnAnotherInstance).isInstanceOf(IntakeResult.Replayed.class);
        assertThat(messages()).hasSize(2);
        assertThat(effects).hasValue(1);
    }

    @Test
    void deliveryInFlightWritesNoMessage() {
        Delivery delivery = order("o-1", "{\"id\":1}");
        assertThat(store.claim(policy.claimRequest(delivery, clock.instant())))
                .isInstanceOf(ClaimOutcome.Claimed.class);

        IntakeResult<String> copy = intake.accept(delivery, accepting());

        assertThat(copy).isInstanceOf(IntakeResult.InFlight.class);
        assertThat(outbox.all()).isEmpty();
        assertThat(signalledAtDepth).isEmpty();
    }

    @Test
    void sameKeyWithOtherContentWritesNoMessage() {
        intake.accept(order("o-1", "{\"id\":1}"), accepting());

        IntakeResult<String> other = intake.accept(order("o-1", "{\"id\":2}"), accepting());

        assertThat(other).isInstanceOf(IntakeResult.Mismatch.class);
        assertThat(messages()).hasSize(2).allSatisfy(message ->
                assertThat(new String(message.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}"));
    }

    @Test
    void rejectedDeliveryWritesNoMessageAndItsRetryWritesThem() {
        Delivery delivery = order("o-1", "{\"id\":1}");

        IntakeResult<String> rejected = intake.accept(delivery, claim -> new HandlerOutcome.Rejected<>(
                new Rejection(Rejection.Reason.NOT_FOUND, "no such order")));

        assertThat(rejected).isInstanceOf(IntakeResult.Rejected.class);
        assertThat(outbox.all()).isEmpty();
        assertThat(signalledAtDepth).isEmpty();

        assertThat(intake.accept(delivery, accepting())).isInstanceOf(IntakeResult.Processed.class);
        assertThat(messages()).hasSize(2);
    }

    @Test
    void throwingHandlerWritesNoMessage() {
        IntakeResult<String> failed = intake.accept(order("o-1", "{\"id\":1}"), claim -> {
            throw new IllegalStateException("downstream broke");
        });

        assertThat(failed).isInstanceOf(IntakeResult.Failed.class);
        assertThat(outbox.all()).isEmpty();
        assertThat(signalledAtDepth).isEmpty();
    }

    @Test
    void signalFiresOnceAfterTheUnitOfWorkCommittedAndOnlyWhenMessagesWereWritten() {
        intake.accept(order("o-1", "{\"id\":1}"), accepting());
        intake.accept(order("o-1", "{\"id\":1}"), accepting());
        intake.accept(Delivery.of(WebhookType.WORKFLOW_COMPLETE,
                DeliveryKey.forWorkflowCompletion("adw-1", "completed", "q-1")), accepting());

        assertThat(signalledAtDepth).as("outside every unit of work").containsExactly(0);
        assertThat(messagesWhenSignalled).containsExactly(2);
    }

    @Test
    void intakeBuiltWithoutForwardingWritesNothing() {
        IdempotentIntake plain = new IdempotentIntake(store, unitOfWork, policy, clock);

        assertThat(plain.accept(order("o-1", "{\"id\":1}"), accepting())).isInstanceOf(IntakeResult.Processed.class);
        assertThat(outbox.all()).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs work directly, counting how deep in units of work it runs. */
    private static final class CountingUnitOfWork implements UnitOfWork {

        final AtomicInteger depth = new AtomicInteger();

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            depth.incrementAndGet();
            try {
                return work.get();
            } finally {
                depth.decrementAndGet();
            }
        }
    }
}
