package io.hookguard.app.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.app.HookguardClient;
import io.hookguard.app.JarProcess;
import io.hookguard.app.reliability.Figures;
import io.hookguard.app.reliability.FullRun;
import io.hookguard.nats.PrivateNatsServer;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import io.hookguard.persistence.testing.TcpProxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forwarding figures of the full reliability run: a destination that is down for two minutes while 2,000
 * deliveries arrive, and the throughput and added lag of forwarding to a receiver that answers at once. The real
 * server (the production modules in this JVM) on PostgreSQL forwards the phase queue's events to a verifying
 * {@link Receiver}; each report completes phase 1 of a two-phase issue, so one delivery is two messages
 * ({@code phase.completed}, {@code phase.ready}). Also: the lag at a pace below the throughput, and a private NATS
 * server restarted while 2,000 deliveries are forwarded to JetStream, the publish rate and lag of forwarding to
 * JetStream, and the real jar killed with SIGKILL five times while it forwards.
 */
@FullRun.Only
class ForwardingFiguresIT {

    private static final int CLIENTS = 8;
    /** Keeps retrying through a two-minute outage and well past it. */
    private static final String KEEP_RETRYING = "[1s, 2s, 5s" + ", 10s".repeat(40) + "]";
    private static final Duration DRAIN_WITHIN = Duration.ofMinutes(10);

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @RegisterExtension
    final Servers servers = new Servers();

    @TempDir
    Path directory;

    private Receiver receiver;
    private final Outbox outbox = new Outbox(DATABASE);
    /** Nano time at which the receiver first accepted the {@code phase.completed} of each completed queue id. */
    private final Map<String, Long> completedReceivedAt = new ConcurrentHashMap<>();

    @BeforeEach
    void emptyTablesAndStartReceiver() throws Exception {
        DATABASE.reset();
        receiver = Receiver.start(ForwardingFile.SECRET);
        receiver.answer(attempt -> {
            if (attempt.body().contains("\"phase.completed\"")) {
                String queueId = field(attempt.body(), "queue_id");
                completedReceivedAt.putIfAbsent(queueId, System.nanoTime());
            }
            return 204;
        });
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private HookguardClient start(String url) throws Exception {
        Path file = ForwardingFile.create()
                .workflowCompleteForwardsTo("backend")
                .http("backend", url, KEEP_RETRYING, "2s")
                .writeTo(directory);
        return Servers.client(servers.start(Servers.environment(DATABASE.settings().jdbcUrl(), file)).port());
    }

    @Test
    void destinationDownForTwoMinutesWhile2000DeliveriesArriveLosesNothing() throws Exception {
        int deliveries = 2_000;
        int messages = 2 * deliveries;
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", URI.create(receiver.url()).getPort()).start()) {
            HookguardClient client = start("http://127.0.0.1:" + proxy.port() + "/hooks");
            inParallel(deliveries, issue -> assertThat(client.createPhases(issue, id(issue, 1), id(issue, 2))
                    .statusCode()).isEqualTo(201));

            proxy.cut();
            long down = System.nanoTime();
            inParallel(deliveries, issue -> complete(client, issue));
            long intakeEnded = System.nanoTime();
            assertThat(outbox.messages()).as("every delivery wrote its messages").isEqualTo(messages);
            assertThat(receiver.requests()).as("nothing got through while down").isEmpty();
            long remaining = Duration.ofMinutes(2).toNanos() - (System.nanoTime() - down);
            if (remaining > 0) {
                Thread.sleep(remaining / 1_000_000);
            }
            int failedWhileDown = failedAttempts();
            proxy.start();
            long up = System.nanoTime();

            receiver.awaitAcceptedIds(messages, DRAIN_WITHIN);
            long drained = System.nanoTime();
            Await.until(() -> outbox.messages("DELIVERED") == messages, Duration.ofMinutes(1),
                    () -> outbox.messages("DELIVERED") + " delivered of " + messages);

            List<Receiver.Request> requests = receiver.requests();
            assertThat(requests).allSatisfy(request -> assertThat(request.verified()).isTrue());
            Set<String> outboxIds = outboxIds();
            Map<String, Receiver.Request> once = receiver.acceptedOnce();
            assertThat(once.keySet()).as("every message accepted, none unknown").isEqualTo(outboxIds);
            long lost = outboxIds.stream().filter(id -> !once.containsKey(id)).count();
            long duplicates = requests.stream().filter(r -> r.answered() / 100 == 2).count() - once.size();
            // a duplicate at the receiver carries the webhook-id of its first: one id per (event, queue id)
            Map<String, Long> idsPerEvent = once.values().stream().collect(Collectors.groupingBy(
                    r -> r.type() + " " + r.field("queue_id"), Collectors.counting()));
            assertThat(idsPerEvent).hasSize(messages).allSatisfy((event, ids) -> assertThat(ids).isEqualTo(1L));

            Figures.record("forwarding-destination-down", "down", seconds(up - down), "deliveries", deliveries,
                    "messages", messages, "intake", seconds(intakeEnded - down), "failedAttemptsWhileDown",
                    failedWhileDown, "delivered", outbox.messages("DELIVERED"), "lost", lost,
                    "receiverDuplicatesSameWebhookId", duplicates, "requests", requests.size(),
                    "drainAfterReturn", seconds(drained - up), "load", load());
        }
    }

    @Test
    void forwardingThroughputAndAddedLagToAReceiverThatAnswersAtOnce() throws Exception {
        int deliveries = 1_000;
        int messages = 2 * deliveries;
        HookguardClient client = start(receiver.url());
        inParallel(deliveries, issue -> assertThat(client.createPhases(issue, id(issue, 1), id(issue, 2))
                .statusCode()).isEqualTo(201));

        Map<String, Long> answeredAt = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        inParallel(deliveries, issue -> {
            complete(client, issue);
            answeredAt.put(id(issue, 1), System.nanoTime());
        });
        long intakeEnded = System.nanoTime();
        receiver.awaitAcceptedIds(messages, DRAIN_WITHIN);
        long drained = System.nanoTime();

        assertThat(receiver.requests()).allSatisfy(request -> assertThat(request.verified()).isTrue());
        assertThat(receiver.acceptedOnce().keySet()).isEqualTo(outboxIds());
        long[] lags = answeredAt.entrySet().stream()
                .mapToLong(entry -> completedReceivedAt.get(entry.getKey()) - entry.getValue()).sorted().toArray();
        assertThat(lags).hasSize(deliveries);
        double seconds = (drained - started) / 1e9;
        Figures.record("forwarding-throughput", "deliveries", deliveries, "messages", messages, "clients", CLIENTS,
                "intakeRate", String.format(Locale.ROOT, "%.0f/s", deliveries / ((intakeEnded - started) / 1e9)),
                "forwarded", String.format(Locale.ROOT, "%.0f msg/s", messages / seconds),
                "drainAfterIntake", seconds(drained - intakeEnded),
                "lagP50", Figures.millis(percentile(lags, 0.50) / 1e6),
                "lagP99", Figures.millis(percentile(lags, 0.99) / 1e6),
                "lagMax", Figures.millis(lags[lags.length - 1] / 1e6), "load", load());
    }

    @Test
    void lagAddedByForwardingAtAPaceBelowItsThroughput() throws Exception {
        int deliveries = 300;
        HookguardClient client = start(receiver.url());
        inParallel(deliveries, issue -> assertThat(client.createPhases(issue, id(issue, 1), id(issue, 2))
                .statusCode()).isEqualTo(201));

        Map<String, Long> answeredAt = new ConcurrentHashMap<>();
        long paceNanos = 50_000_000L; // 20 deliveries a second, one client
        long started = System.nanoTime();
        for (int issue = 1; issue <= deliveries; issue++) {
            long due = started + (issue - 1) * paceNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            complete(client, issue);
            answeredAt.put(id(issue, 1), System.nanoTime());
        }
        receiver.awaitAcceptedIds(2 * deliveries, DRAIN_WITHIN);

        assertThat(receiver.acceptedOnce().keySet()).isEqualTo(outboxIds());
        long[] lags = answeredAt.entrySet().stream()
                .mapToLong(entry -> completedReceivedAt.get(entry.getKey()) - entry.getValue()).sorted().toArray();
        assertThat(lags).hasSize(deliveries);
        Figures.record("forwarding-lag-paced", "deliveries", deliveries, "pace", "20/s",
                "lagP50", Figures.millis(percentile(lags, 0.50) / 1e6),
                "lagP99", Figures.millis(percentile(lags, 0.99) / 1e6),
                "lagMax", Figures.millis(lags[lags.length - 1] / 1e6), "load", load());
    }

    @Test
    void natsRestartedDuring2000DeliveriesLosesAndDuplicatesNothingInTheStream() throws Exception {
        int deliveries = 2_000;
        int messages = 2 * deliveries;
        String stream = "HG_FIGURES";
        try (PrivateNatsServer nats = PrivateNatsServer.start(Files.createDirectories(directory.resolve("nats")))) {
            Path file = ForwardingFile.create()
                    .workflowCompleteForwardsTo("workers")
                    .nats("workers", nats.url(), "hookguard.figures", stream, KEEP_RETRYING)
                    .writeTo(directory);
            HookguardClient client = Servers.client(
                    servers.start(Servers.environment(DATABASE.settings().jdbcUrl(), file)).port());
            inParallel(deliveries, issue -> assertThat(client.createPhases(issue, id(issue, 1), id(issue, 2))
                    .statusCode()).isEqualTo(201));

            long started = System.nanoTime();
            ExecutorService intake = Executors.newSingleThreadExecutor();
            Future<?> sending = intake.submit(() -> {
                inParallel(deliveries, issue -> complete(client, issue));
                return null;
            });
            Await.until(() -> outbox.messages("DELIVERED") >= messages / 4, DRAIN_WITHIN,
                    () -> outbox.messages("DELIVERED") + " delivered before the restart");
            int deliveredBeforeStop = outbox.messages("DELIVERED");
            nats.stop();
            long stopped = System.nanoTime();
            Thread.sleep(10_000);
            nats.restart();
            long restarted = System.nanoTime();
            sending.get();
            intake.shutdown();
            long intakeEnded = System.nanoTime();

            Await.until(() -> outbox.messages("DELIVERED") == messages, DRAIN_WITHIN,
                    () -> outbox.messages("DELIVERED") + " delivered of " + outbox.messages());
            long drained = System.nanoTime();
            try (Streams streams = Streams.connect(nats.url())) {
                List<Streams.Stored> stored = streams.messages(stream);
                Set<String> ids = stored.stream().map(Streams.Stored::msgId).collect(Collectors.toSet());
                Set<String> outboxIds = outboxIds();
                long lost = outboxIds.stream().filter(id -> !ids.contains(id)).count();
                long duplicated = stored.size() - ids.size();
                Figures.record("forwarding-nats-restart", "deliveries", deliveries, "messages", messages,
                        "deliveredBeforeStop", deliveredBeforeStop, "natsDown", seconds(restarted - stopped),
                        "intake", seconds(intakeEnded - started), "failedAttempts", failedAttempts(),
                        "streamMessages", stored.size(), "lost", lost, "duplicatedInStream", duplicated,
                        "drainAfterRestart", seconds(drained - restarted), "load", load());
                assertThat(ids).isEqualTo(outboxIds);
                assertThat(stored).hasSize(messages);
            }
        }
    }

    @Test
    void natsPublishThroughputAndLagFromIntakeToTheStream() throws Exception {
        int burst = 1_000;
        int paced = 300;
        int deliveries = burst + paced;
        int messages = 2 * deliveries;
        String stream = "HG_FIGURES_RATE";
        try (PrivateNatsServer nats = PrivateNatsServer.start(Files.createDirectories(directory.resolve("nats")))) {
            Path file = ForwardingFile.create()
                    .workflowCompleteForwardsTo("workers")
                    .nats("workers", nats.url(), "hookguard.figures.rate", stream, KEEP_RETRYING)
                    .writeTo(directory);
            HookguardClient client = Servers.client(
                    servers.start(Servers.environment(DATABASE.settings().jdbcUrl(), file)).port());
            inParallel(deliveries, issue -> assertThat(client.createPhases(issue, id(issue, 1), id(issue, 2))
                    .statusCode()).isEqualTo(201));

            // (a) a burst of 1,000 deliveries as fast as 8 clients send them
            Map<String, Instant> answeredAt = new ConcurrentHashMap<>();
            Instant burstStarted = Instant.now();
            inParallel(burst, issue -> {
                complete(client, issue);
                answeredAt.put(id(issue, 1), Instant.now());
            });
            Instant burstIntakeEnded = Instant.now();
            Await.until(() -> outbox.messages("DELIVERED") == 2 * burst, DRAIN_WITHIN,
                    () -> outbox.messages("DELIVERED") + " delivered of " + 2 * burst);
            String burstLoad = load();
            int burstFailedAttempts = failedAttempts();

            // (b) 300 deliveries, one client at 20 a second (below the publish rate)
            long paceNanos = 50_000_000L;
            long started = System.nanoTime();
            for (int n = 0; n < paced; n++) {
                int issue = burst + 1 + n;
                long wait = started + n * paceNanos - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                complete(client, issue);
                answeredAt.put(id(issue, 1), Instant.now());
            }
            Await.until(() -> outbox.messages("DELIVERED") == messages, DRAIN_WITHIN,
                    () -> outbox.messages("DELIVERED") + " delivered of " + messages);

            try (Streams streams = Streams.connect(nats.url())) {
                List<Streams.Stored> stored = streams.messages(stream);
                Set<String> ids = stored.stream().map(Streams.Stored::msgId).collect(Collectors.toSet());
                Map<String, Instant> completedStoredAt = stored.stream()
                        .filter(message -> "phase.completed".equals(message.type()))
                        .collect(Collectors.toMap(message -> message.field("queue_id"), Streams.Stored::storedAt,
                                (first, second) -> first.isBefore(second) ? first : second));
                Instant burstLastStored = stored.stream()
                        .filter(message -> issueOf(message.field("queue_id")) <= burst)
                        .map(Streams.Stored::storedAt).max(Instant::compareTo).orElseThrow();
                long[] burstLags = lagsMicros(answeredAt, completedStoredAt, 1, burst);
                long[] pacedLags = lagsMicros(answeredAt, completedStoredAt, burst + 1, deliveries);
                double burstSeconds = Duration.between(burstStarted, burstLastStored).toNanos() / 1e9;
                Figures.record("forwarding-nats-throughput", "deliveries", burst, "messages", 2 * burst,
                        "clients", CLIENTS, "intakeRate", String.format(Locale.ROOT, "%.0f/s",
                                burst / (Duration.between(burstStarted, burstIntakeEnded).toNanos() / 1e9)),
                        "published", String.format(Locale.ROOT, "%.0f msg/s", 2 * burst / burstSeconds),
                        "lagP50", Figures.millis(percentile(burstLags, 0.50) / 1e3),
                        "lagP99", Figures.millis(percentile(burstLags, 0.99) / 1e3),
                        "lagMax", Figures.millis(burstLags[burstLags.length - 1] / 1e3),
                        "failedAttempts", burstFailedAttempts, "load", burstLoad);
                Figures.record("forwarding-nats-lag-paced", "deliveries", paced, "pace", "20/s",
                        "lagP50", Figures.millis(percentile(pacedLags, 0.50) / 1e3),
                        "lagP99", Figures.millis(percentile(pacedLags, 0.99) / 1e3),
                        "lagMax", Figures.millis(pacedLags[pacedLags.length - 1] / 1e3),
                        "streamMessages", stored.size(), "duplicatedInStream", stored.size() - ids.size(),
                        "load", load());
                assertThat(ids).isEqualTo(outboxIds());
                assertThat(stored).hasSize(messages);
            }
        }
    }

    /** Microseconds from intake's 200 to the stream's timestamp of the phase.completed, issues from..to, sorted. */
    private static long[] lagsMicros(Map<String, Instant> answeredAt, Map<String, Instant> storedAt, int from,
            int to) {
        long[] lags = new long[to - from + 1];
        for (int issue = from; issue <= to; issue++) {
            String queueId = id(issue, 1);
            lags[issue - from] = Duration.between(answeredAt.get(queueId), storedAt.get(queueId)).toNanos() / 1_000;
        }
        java.util.Arrays.sort(lags);
        return lags;
    }

    private static int issueOf(String queueId) {
        return Integer.parseInt(queueId.split("-")[1]);
    }

    @Test
    void jarKilledFiveTimesWhileForwardingLosesNothing() throws Exception {
        int deliveries = 300;
        int messages = 2 * deliveries;
        receiver.answer(attempt -> 503);
        Path file = ForwardingFile.create()
                .workflowCompleteForwardsTo("backend")
                .http("backend", receiver.url(), KEEP_RETRYING, "2s")
                .writeTo(directory);
        Map<String, String> env = Servers.environment(DATABASE.settings().jdbcUrl(), file);
        try (JarProcess first = JarProcess.start(env, directory)) {
            HookguardClient client = Servers.client(first.port());
            inParallel(deliveries, issue -> assertThat(client.createPhases(issue, id(issue, 1), id(issue, 2))
                    .statusCode()).isEqualTo(201));
            inParallel(deliveries, issue -> complete(client, issue));
            first.kill();
        }
        assertThat(outbox.messages("PENDING")).isEqualTo(messages);
        receiver.answer(attempt -> 204);
        long started = System.nanoTime();
        List<Integer> deliveredAtKill = new ArrayList<>();
        for (int kill = 1; kill <= 5; kill++) {
            int before = outbox.messages("DELIVERED");
            try (JarProcess jar = JarProcess.start(env, directory)) {
                Await.until(() -> outbox.messages("DELIVERED") >= Math.min(messages, before + messages / 10),
                        DRAIN_WITHIN, () -> outbox.messages("DELIVERED") + " delivered");
                jar.kill();
            }
            deliveredAtKill.add(outbox.messages("DELIVERED"));
        }
        try (JarProcess last = JarProcess.start(env, directory)) {
            Await.until(() -> outbox.messages("DELIVERED") == messages, DRAIN_WITHIN,
                    () -> outbox.messages("DELIVERED") + " delivered of " + messages + "\n" + outbox.describe());
            receiver.awaitAcceptedIds(messages, Duration.ofMinutes(1));
        }
        long drained = System.nanoTime();
        List<Receiver.Request> requests = receiver.requests();
        Map<String, Receiver.Request> once = receiver.acceptedOnce();
        Set<String> outboxIds = outboxIds();
        long lost = outboxIds.stream().filter(id -> !once.containsKey(id)).count();
        long duplicates = requests.stream().filter(r -> r.answered() / 100 == 2).count() - once.size();
        Map<String, Long> idsPerEvent = once.values().stream().collect(Collectors.groupingBy(
                r -> r.type() + " " + r.field("queue_id"), Collectors.counting()));
        Figures.record("forwarding-kill-nine", "kills", 5, "messages", messages, "deliveredAtEachKill",
                deliveredAtKill.toString().replace(" ", ""), "lost", lost, "receiverDuplicatesSameWebhookId",
                duplicates, "forwardingTime", seconds(drained - started), "load", load());
        assertThat(requests.stream().filter(r -> r.answered() / 100 == 2))
                .allSatisfy(request -> assertThat(request.verified()).isTrue());
        assertThat(once.keySet()).isEqualTo(outboxIds);
        assertThat(idsPerEvent).hasSize(messages).allSatisfy((event, ids) -> assertThat(ids).isEqualTo(1L));
    }

    private static String id(int issue, int phase) {
        return "f-" + issue + "-" + phase;
    }

    private static void complete(HookguardClient client, int issue) {
        assertThat(client.completeWorkflow(HookguardClient.completion("adw-f" + issue, id(issue, 1), issue))
                .statusCode()).isEqualTo(200);
    }

    /** Runs {@code task} for 1..count on {@link #CLIENTS} threads, failing with the first failure. */
    private static void inParallel(int count, IntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                int n = i;
                futures.add(pool.submit(() -> task.accept(n)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Set<String> outboxIds() {
        return DATABASE.database().dsl().select(DSL.field(DSL.name("id"), String.class))
                .from(DSL.table(DSL.name("outbox_messages"))).fetchSet(DSL.field(DSL.name("id"), String.class));
    }

    private static int failedAttempts() {
        return DATABASE.database().dsl().fetchCount(DSL.table(DSL.name("outbox_attempts")),
                DSL.field(DSL.name("outcome")).eq("FAILED"));
    }

    private static String field(String body, String name) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"")
                .matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static long percentile(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
    }

    private static String load() {
        return String.format(Locale.ROOT, "%.2f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
