package io.hookguard.http;

import io.hookguard.domain.deliveries.CountDeliveriesPerMinute;
import io.hookguard.domain.deliveries.DeliveryReadModel;
import io.hookguard.domain.deliveries.ListDeliveries;
import io.hookguard.domain.deliveries.OutboundMessageLog;
import io.hookguard.domain.deliveries.ShowDelivery;
import io.hookguard.domain.deliveries.StoredRequests;
import io.hookguard.domain.github.InMemoryGithubInbox;
import io.hookguard.domain.github.InboxEntry;
import io.hookguard.domain.github.ListGithubDeliveries;
import io.hookguard.domain.github.ReceiveGithubDelivery;
import io.hookguard.domain.idempotency.CleanUpExpiredEvents;
import io.hookguard.domain.idempotency.IdempotencyPolicy;
import io.hookguard.domain.idempotency.IdempotentIntake;
import io.hookguard.domain.idempotency.InMemoryWebhookEventStore;
import io.hookguard.domain.idempotency.InspectWebhookEvents;
import io.hookguard.domain.idempotency.WebhookEvent;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.Forwarding;
import io.hookguard.domain.outbox.InMemoryOutboxStore;
import io.hookguard.domain.outbox.OutboxSignal;
import io.hookguard.domain.queue.CompleteWorkflow;
import io.hookguard.domain.queue.CreatePhases;
import io.hookguard.domain.queue.ListIssuePhases;
import io.hookguard.domain.queue.PhaseEntry;
import io.hookguard.domain.testing.DirectUnitOfWork;
import io.hookguard.domain.testing.MutableClock;
import io.hookguard.http.console.ConsoleUseCases;
import io.hookguard.http.console.Redelivery;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.TestCase;
import io.javalin.testtools.TestConfig;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

/** The real routes over the domain's in-memory adapters, with a clock the test moves. */
final class TestApp {

    static final String WEBHOOK_SECRET = "workflow-secret";
    static final String GITHUB_SECRET = "It's a Secret to Everybody";
    static final String ADMIN_TOKEN = "admin-token-123";
    static final long BODY_LIMIT = 16 * 1024;
    static final DestinationName BACKEND = new DestinationName("backend");

    static final HttpSettings SECURED = new HttpSettings(WEBHOOK_SECRET, GITHUB_SECRET, ADMIN_TOKEN, BODY_LIMIT);
    static final HttpSettings OPEN = new HttpSettings(null, null, null, BODY_LIMIT);

    final MutableClock clock = MutableClock.startingAt("2026-03-01T12:00:00Z");
    final InMemoryWebhookEventStore events = new InMemoryWebhookEventStore();
    final FaultyPhaseQueueStore queue = new FaultyPhaseQueueStore();
    final InMemoryGithubInbox inbox = new InMemoryGithubInbox();
    final RecordingObserver observer = new RecordingObserver();
    /** Where the intake writes its messages: {@code workflow_complete} forwards its phase events to {@link #BACKEND}. */
    final InMemoryOutboxStore outbox = new InMemoryOutboxStore();
    final HttpSettings settings;
    /** The use cases; a console test may give the console fakes of the ports bound later. */
    HttpUseCases useCases;
    /** The server options; a test may replace them (e.g. with a closed gate) before it starts the app. */
    HttpServerOptions options = HttpServerOptions.defaults();

    TestApp(HttpSettings settings) {
        this.settings = settings;
        IdempotentIntake intake = IdempotentIntake.standard(events, new DirectUnitOfWork(),
                IdempotencyPolicy.defaults(), clock,
                new Forwarding(Map.of(WebhookType.WORKFLOW_COMPLETE, List.of(BACKEND))), outbox, OutboxSignal.NONE);
        this.useCases = new HttpUseCases(
                new CompleteWorkflow(intake, queue.port(), clock, StoredResponses.workflowCompletion(),
                        PhaseEvents.json()),
                new ReceiveGithubDelivery(intake, inbox, clock, StoredResponses.githubReceipt()),
                new CreatePhases(queue.port(), clock),
                new ListIssuePhases(queue.port()),
                new ListGithubDeliveries(inbox),
                new InspectWebhookEvents(events),
                new CleanUpExpiredEvents(events, IdempotencyPolicy.defaults(), clock, 100),
                console(events, StoredRequests.none(), OutboundMessageLog.none(), Redelivery.unavailable()),
                events::isAvailable);
        this.options = options.withClock(clock);
    }

    /** The console's use cases over the in-memory store as read model, with the given stored-request and outbox ports. */
    ConsoleUseCases console(DeliveryReadModel readModel, StoredRequests requests, OutboundMessageLog messages,
            Redelivery redelivery) {
        return new ConsoleUseCases(new ListDeliveries(readModel), new CountDeliveriesPerMinute(readModel, clock),
                new ShowDelivery(events, requests, messages), redelivery);
    }

    static TestApp secured() {
        return new TestApp(SECURED);
    }

    static TestApp open() {
        return new TestApp(OPEN);
    }

    Javalin javalin() {
        return HookguardHttp.create(settings, useCases, observer, options);
    }

    /** Starts the app on a free port, runs the test against it with JavalinTest's client, stops it. */
    void test(TestCase testCase) {
        JavalinTest.test(javalin(), new TestConfig(false, false,
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), Map.of()), testCase);
    }

    /** Everything the stores hold, to show that a refused request changed nothing. */
    StoreSnapshot snapshot() {
        events.setAvailable(true);
        return new StoreSnapshot(events.findRecent(10_000), queue.everything(), inbox.newestFirst(10_000));
    }

    record StoreSnapshot(List<WebhookEvent> events, List<PhaseEntry> phases, List<InboxEntry> inbox) {
    }
}
