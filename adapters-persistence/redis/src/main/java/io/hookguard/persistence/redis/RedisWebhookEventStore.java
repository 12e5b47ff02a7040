package io.hookguard.persistence.redis;

import static io.hookguard.persistence.redis.RedisEventMapper.micros;

import io.hookguard.domain.idempotency.Claim;
import io.hookguard.domain.idempotency.ClaimOutcome;
import io.hookguard.domain.idempotency.ClaimRequest;
import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.EventStatus;
import io.hookguard.domain.idempotency.Fingerprint;
import io.hookguard.domain.idempotency.StoreUnavailableException;
import io.hookguard.domain.idempotency.WebhookEvent;
import io.hookguard.domain.idempotency.WebhookEventStore;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import io.hookguard.domain.deliveries.DeliveryPage;
import io.hookguard.domain.deliveries.DeliveryQuery;
import io.hookguard.domain.deliveries.DeliveryReadModel;
import io.hookguard.domain.deliveries.MinuteCount;
import io.hookguard.domain.deliveries.StoredRequest;
import io.hookguard.domain.deliveries.StoredRequests;
import io.hookguard.domain.idempotency.ReceivedRequest;
import io.lettuce.core.KeyValue;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The idempotency store on Redis (Lettuce): one hash per (type, webhook id), decided and indexed by Lua scripts so
 * that every claim, completion and cleanup batch is atomic. Times come from the caller (the domain clock), never
 * from Redis. Connects on first use and reconnects by itself; while Redis is unreachable every call fails within
 * the command timeout with {@link StoreUnavailableException}.
 *
 * <p>A claim keeps the request it came with in the event's hash (event type, content type, headers as a JSON array
 * of {@code [name, value]} pairs, the raw body in base64) and a re-claim replaces it; every read of events leaves
 * the headers and the body out, which only {@link #findRequest} reads. Retention and the TTL remove them with the
 * hash. A claim carries its body through the script in one command, so the command timeout must allow moving the
 * largest body a source accepts (tens of MiB can take seconds on a busy server).
 *
 * <p>It is a {@link DeliveryReadModel} in name only: filtering, searching and counting across every key would
 * need indexes this store does not keep, so the console's list and chart need the relational store; both methods
 * throw {@link UnsupportedOperationException} saying so.
 */
public final class RedisWebhookEventStore implements WebhookEventStore, DeliveryReadModel, StoredRequests,
        AutoCloseable {

    static final String CONSOLE_NEEDS_RELATIONAL_STORE =
            "the console's delivery list and chart need the relational store; the Redis store cannot filter or count";

    private static final LuaScript CLAIM = LuaScript.fromResource("claim");
    private static final LuaScript FINISH = LuaScript.fromResource("finish");
    private static final LuaScript DELETE_OLDER_THAN = LuaScript.fromResource("delete_older_than");
    private static final LuaScript FIND_RECENT = LuaScript.fromResource("find_recent", "event_fields");
    private static final LuaScript FIND_BY_WEBHOOK_ID = LuaScript.fromResource("find_by_webhook_id", "event_fields");

    private static final Duration MIN_RECONNECT_DELAY = Duration.ofMillis(10);
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    /** Server errors that say Redis cannot serve right now, rather than that a command is wrong. */
    private static final Set<String> TRANSIENT_ERRORS = Set.of(
            "LOADING", "BUSY", "READONLY", "OOM", "MASTERDOWN", "NOREPLICAS", "TRYAGAIN", "CLUSTERDOWN", "MISCONF",
            "NOAUTH", "WRONGPASS", "NOPERM");

    private final RedisKeys keys;
    private final String retentionMillis;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final Duration commandTimeout;
    private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, String>>> connection =
            new AtomicReference<>();
    private volatile boolean closed;

    public RedisWebhookEventStore(RedisSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.keys = new RedisKeys(settings.keyPrefix());
        this.retentionMillis = Long.toString(settings.retention().toMillis());
        this.commandTimeout = settings.commandTimeout();
        this.uri = RedisURI.create(settings.url());
        uri.setTimeout(commandTimeout);
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(MIN_RECONNECT_DELAY, MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(settings.commandTimeout())
                        .keepAlive(true)
                        .build())
                .build());
    }

    @Override
    public ClaimOutcome claim(ClaimRequest request) {
        Delivery delivery = request.delivery();
        ReceivedRequest received = delivery.request();
        List<Object> reply = call(commands -> CLAIM.run(commands, ScriptOutputType.MULTI,
                keys.ofEvent(delivery.type(), delivery.id()),
                delivery.type().value(),
                delivery.id().value(),
                delivery.fingerprint().hex(),
                micros(request.now()),
                micros(request.windowStart()),
                micros(request.leaseUntil()),
                delivery.adwId() == null ? "" : delivery.adwId(),
                delivery.issueNumber() == null ? "" : delivery.issueNumber().toString(),
                retentionMillis,
                received == null ? "0" : "1",
                received == null || received.eventType() == null ? "" : received.eventType(),
                received == null ? "" : received.received().contentType(),
                received == null ? "" : RedisRequestCodec.encodeHeaders(received.headers()),
                received == null ? "" : Base64.getEncoder().encodeToString(received.received().body())));
        return toOutcome(delivery, reply);
    }

    @Override
    public boolean complete(Claim claim, String response, Instant now) {
        return finish(claim, EventStatus.COMPLETED, response, now);
    }

    @Override
    public boolean fail(Claim claim, String error, Instant now) {
        return finish(claim, EventStatus.FAILED, error, now);
    }

    @Override
    public Optional<WebhookEvent> find(WebhookType type, WebhookId webhookId) {
        List<KeyValue<String, String>> values = call(
                commands -> commands.hmget(keys.event(type, webhookId), RedisEventMapper.EVENT_FIELDS));
        Map<String, String> hash = new HashMap<>();
        values.forEach(value -> value.ifHasValue(v -> hash.put(value.getKey(), v)));
        return hash.isEmpty() ? Optional.empty() : Optional.of(RedisEventMapper.toEvent(hash));
    }

    /** The stored request of one key, read on demand: the only read of the headers and the body. */
    @Override
    public Optional<StoredRequest> findRequest(WebhookType source, WebhookId key) {
        List<KeyValue<String, String>> values = call(commands -> commands.hmget(keys.event(source, key),
                RedisEventMapper.CONTENT_TYPE, RedisEventMapper.REQUEST_HEADERS, RedisEventMapper.REQUEST_BODY));
        if (values.stream().anyMatch(value -> !value.hasValue())) {
            return Optional.empty();
        }
        return Optional.of(new StoredRequest(RedisRequestCodec.decodeHeaders(values.get(1).getValue()),
                values.get(0).getValue(), Base64.getDecoder().decode(values.get(2).getValue())));
    }

    @Override
    public List<WebhookEvent> findByWebhookId(WebhookId webhookId) {
        List<Object> reply = call(commands -> FIND_BY_WEBHOOK_ID.run(commands, ScriptOutputType.MULTI,
                new String[] {keys.typesOf(webhookId)}, webhookId.value(), keys.prefix()));
        return reply.stream()
                .map(hash -> RedisEventMapper.toEvent((List<?>) hash))
                .sorted(Comparator.comparing(event -> event.type().value()))
                .toList();
    }

    @Override
    public List<WebhookEvent> findRecent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("'limit' must be at least 1");
        }
        List<Object> reply = call(commands -> FIND_RECENT.run(commands, ScriptOutputType.MULTI,
                new String[] {keys.received()}, Integer.toString(limit), keys.prefix()));
        return reply.stream().map(hash -> RedisEventMapper.toEvent((List<?>) hash)).toList();
    }

    /** Not supported: the console's list needs the relational store. */
    @Override
    public DeliveryPage page(DeliveryQuery query) {
        throw new UnsupportedOperationException(CONSOLE_NEEDS_RELATIONAL_STORE);
    }

    /** Not supported: the console's chart needs the relational store. */
    @Override
    public List<MinuteCount> perMinute(Instant from, Instant to) {
        throw new UnsupportedOperationException(CONSOLE_NEEDS_RELATIONAL_STORE);
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("'batchSize' must be at least 1");
        }
        Long deleted = call(commands -> DELETE_OLDER_THAN.run(commands, ScriptOutputType.INTEGER,
                new String[] {keys.received()}, micros(cutoff), Integer.toString(batchSize), keys.prefix()));
        return Math.toIntExact(deleted);
    }

    @Override
    public boolean isAvailable() {
        try {
            return "PONG".equalsIgnoreCase(call(RedisCommands::ping));
        } catch (StoreUnavailableException | IllegalStateException e) {
            return false;
        }
    }

    /** Shuts the client and its connection down; calls after this fail as unavailable. */
    @Override
    public void close() {
        closed = true;
        connection.set(null);
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private boolean finish(Claim claim, EventStatus outcome, String text, Instant now) {
        Long changed = call(commands -> FINISH.run(commands, ScriptOutputType.INTEGER,
                keys.ofEvent(claim.type(), claim.webhookId()),
                Integer.toString(claim.attempt()),
                outcome.name(),
                micros(now),
                text == null ? "" : text,
                text == null ? "0" : "1",
                retentionMillis));
        return changed == 1L;
    }

    private static ClaimOutcome toOutcome(Delivery delivery, List<Object> reply) {
        String decision = (String) reply.get(0);
        return switch (decision) {
            case "CLAIMED" -> new ClaimOutcome.Claimed(new Claim(delivery.type(), delivery.id(),
                    Integer.parseInt((String) reply.get(1)), RedisEventMapper.instant((String) reply.get(2))));
            case "DUPLICATE" -> new ClaimOutcome.Duplicate(reply.size() > 2 ? (String) reply.get(2) : null,
                    RedisEventMapper.instant((String) reply.get(1)));
            case "IN_FLIGHT" -> new ClaimOutcome.InFlight(RedisEventMapper.instant((String) reply.get(1)));
            case "MISMATCH" -> new ClaimOutcome.Mismatch(new Fingerprint((String) reply.get(1)));
            default -> throw new IllegalStateException("claim script answered " + reply);
        };
    }

    private <T> T call(Function<RedisCommands<String, String>, T> command) {
        try {
            return command.apply(commands());
        } catch (RedisCommandExecutionException e) {
            if (TRANSIENT_ERRORS.contains(errorCode(e))) {
                throw unavailable(e);
            }
            throw new IllegalStateException("Redis refused a command of the store: " + e.getMessage(), e);
        } catch (RedisCommandInterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    private RedisCommands<String, String> commands() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
        if (current == null || current.isCompletedExceptionally()) {
            current = connect(current);
        }
        try {
            return current.get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS).sync();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new StoreUnavailableException("Redis is unavailable: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("Redis did not accept a connection within " + commandTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while connecting to Redis", e);
        }
    }

    /**
     * Starts one connection attempt that every concurrent caller waits for; a failed attempt is replaced by the next
     * call. Once connected, Lettuce keeps the connection and reconnects it by itself.
     */
    private CompletableFuture<StatefulRedisConnection<String, String>> connect(
            CompletableFuture<StatefulRedisConnection<String, String>> failedOrNone) {
        if (closed) {
            throw new StoreUnavailableException("the Redis store is closed", null);
        }
        CompletableFuture<StatefulRedisConnection<String, String>> attempt = new CompletableFuture<>();
        if (connection.compareAndSet(failedOrNone, attempt)) {
            client.connectAsync(StringCodec.UTF8, uri).whenComplete((connected, failure) -> {
                if (failure != null) {
                    attempt.completeExceptionally(failure);
                } else {
                    attempt.complete(connected);
                }
            });
            return attempt;
        }
        CompletableFuture<StatefulRedisConnection<String, String>> concurrent = connection.get();
        return concurrent != null ? concurrent : connect(null);
    }

    private static String errorCode(RedisCommandExecutionException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }

    private static StoreUnavailableException unavailable(RedisException e) {
        return new StoreUnavailableException("Redis is unavailable: " + e.getMessage(), e);
    }
}
