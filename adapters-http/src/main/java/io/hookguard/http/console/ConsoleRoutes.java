package io.hookguard.http.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.hookguard.domain.deliveries.CountDeliveriesPerMinute;
import io.hookguard.domain.deliveries.DeliveryCursor;
import io.hookguard.domain.deliveries.DeliveryDetails;
import io.hookguard.domain.deliveries.DeliveryOutcome;
import io.hookguard.domain.deliveries.DeliveryPage;
import io.hookguard.domain.deliveries.DeliveryQuery;
import io.hookguard.domain.deliveries.ForwardingState;
import io.hookguard.domain.deliveries.OutboundMessageView;
import io.hookguard.domain.deliveries.ShowForwardingStates;
import io.hookguard.domain.deliveries.StoredRequest;
import io.hookguard.domain.idempotency.WebhookEvent;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.outbox.MessageId;
import io.hookguard.domain.outbox.MessageOrigin;
import io.hookguard.http.console.ConsoleSessions.Session;
import io.hookguard.http.console.ConsoleViews.AttemptLine;
import io.hookguard.http.console.ConsoleViews.Choice;
import io.hookguard.http.console.ConsoleViews.DeliveryView;
import io.hookguard.http.console.ConsoleViews.Filters;
import io.hookguard.http.console.ConsoleViews.HeaderLine;
import io.hookguard.http.console.ConsoleViews.Layout;
import io.hookguard.http.console.ConsoleViews.ListView;
import io.hookguard.http.console.ConsoleViews.LoginView;
import io.hookguard.http.console.ConsoleViews.Message;
import io.hookguard.http.console.ConsoleViews.MessageView;
import io.hookguard.http.console.ConsoleViews.Row;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The operator console: server-rendered pages under {@code /console}. Logging in with the admin token opens an
 * in-memory session (an HttpOnly, SameSite=Strict cookie); every POST carries the session's CSRF token; every
 * response carries a strict Content-Security-Policy. With no admin token configured the console is open and a
 * session is issued on the first visit, only to carry the CSRF token.
 */
public final class ConsoleRoutes {

    static final String COOKIE = "hookguard_console";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    static final Duration REFUSAL_DELAY = Duration.ofMillis(500);
    static final int PAGE_SIZE = 50;

    private final ConsoleUseCases useCases;
    private final byte[] adminTokenDigest;
    private final ConsoleSessions sessions;
    private final ConsoleAssets assets = new ConsoleAssets();
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

    /** {@code adminToken} null leaves the console open, like the other operator routes. */
    public ConsoleRoutes(ConsoleUseCases useCases, String adminToken, Clock clock) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.adminTokenDigest = adminToken == null ? null : sha256(adminToken);
        this.sessions = new ConsoleSessions(clock, ConsoleSessions.CAPACITY);
    }

    public void register(RoutesConfig routes) {
        routes.get("/console", this::home);
        routes.post("/console/login", this::login);
        routes.post("/console/logout", ctx -> withSession(ctx, session -> logout(ctx, session)));
        routes.get("/console/deliveries/{source}/<key>", ctx -> withSession(ctx, session -> delivery(ctx, session)));
        routes.post("/console/redeliver", ctx -> withSession(ctx, session -> redeliver(ctx, session)));
        routes.get(ConsoleAssets.PATH + "{name}", this::asset);
    }

    private interface SessionHandler {
        void handle(Session session) throws Exception;
    }

    private void home(Context ctx) throws Exception {
        secureHeaders(ctx);
        Optional<Session> session = session(ctx);
        if (session.isEmpty()) {
            if (isSecured()) {
                render(ctx, HttpStatus.OK, "console/login.jte", new LoginView(layout("Log in", null), Optional.empty()));
                return;
            }
            session = Optional.of(open(ctx));
        }
        list(ctx, session.get());
    }

    /** Runs {@code handler} with the caller's session; without one, the caller is sent to the login. */
    private void withSession(Context ctx, SessionHandler handler) throws Exception {
        secureHeaders(ctx);
        Optional<Session> session = session(ctx);
        if (session.isEmpty()) {
            ctx.redirect("/console", HttpStatus.SEE_OTHER);
            return;
        }
        if (ctx.method().name().equals("POST") && !session.get().acceptsCsrf(ctx.formParam("csrf"))) {
            render(ctx, HttpStatus.FORBIDDEN, "console/message.jte", new MessageView(layout("Forbidden", session.get()),
                    "Forbidden", "The form's CSRF token is missing or wrong. Reload the page and try again."));
            return;
        }
        handler.handle(session.get());
    }

    private void login(Context ctx) {
        secureHeaders(ctx);
        if (!isSecured()) {
            ctx.redirect("/console", HttpStatus.SEE_OTHER);
            return;
        }
        String token = ctx.formParam("token");
        if (token != null && MessageDigest.isEqual(sha256(token), adminTokenDigest)) {
            Session session = sessions.create();
            setCookie(ctx, session.id(), (int) ConsoleSessions.LIFETIME.toSeconds());
            ctx.redirect("/console", HttpStatus.SEE_OTHER);
            return;
        }
        LoginView refused = new LoginView(layout("Log in", null), Optional.of("That token is not the admin token."));
        ctx.future(() -> CompletableFuture
                .runAsync(() -> { }, CompletableFuture.delayedExecutor(REFUSAL_DELAY.toMillis(), TimeUnit.MILLISECONDS))
                .thenRun(() -> render(ctx, HttpStatus.UNAUTHORIZED, "console/login.jte", refused)));
    }

    private void logout(Context ctx, Session session) {
        sessions.remove(session.id());
        setCookie(ctx, "", 0);
        ctx.redirect("/console", HttpStatus.SEE_OTHER);
    }

    private void list(Context ctx, Session session) {
        String source = param(ctx, "source");
        String outcome = param(ctx, "outcome");
        String key = param(ctx, "key");
        String before = param(ctx, "before");
        List<Choice> outcomes = new ArrayList<>();
        outcomes.add(new Choice("", "any outcome", outcome.isEmpty()));
        Arrays.stream(DeliveryOutcome.values()).forEach(choice -> outcomes.add(
                new Choice(choice.label(), choice.label().replace('_', ' '), choice.label().equals(outcome))));
        Filters filters = new Filters(source, outcome, key, outcomes);
        List<Row> rows = List.of();
        Optional<String> older = Optional.empty();
        Optional<String> error = Optional.empty();
        try {
            DeliveryQuery query = new DeliveryQuery(
                    source.isEmpty() ? Optional.empty() : Optional.of(new WebhookType(source)),
                    outcome.isEmpty() ? Optional.empty() : Optional.of(DeliveryOutcome.parse(outcome)),
                    Optional.of(key),
                    before.isEmpty() ? Optional.empty() : Optional.of(DeliveryCursor.parse(before)),
                    PAGE_SIZE);
            DeliveryPage page = useCases.listDeliveries().list(query);
            Map<MessageOrigin, ForwardingState> forwarding = useCases.showForwardingStates().of(page);
            rows = page.deliveries().stream().map(event -> row(event, forwarding.getOrDefault(
                    ShowForwardingStates.originOf(event), ForwardingState.NONE))).toList();
            older = page.next().map(cursor -> listHref(source, outcome, key, cursor.token()));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            error = Optional.of(e.getMessage());
        }
        Optional<String> newest = before.isEmpty() ? Optional.empty() : Optional.of(listHref(source, outcome, key, ""));
        CountDeliveriesPerMinute.LastHour lastHour;
        try {
            lastHour = useCases.countDeliveriesPerMinute().lastHour();
        } catch (UnsupportedOperationException e) {
            lastHour = new CountDeliveriesPerMinute.LastHour(Instant.EPOCH, Instant.EPOCH.plus(Duration.ofHours(1)),
                    List.of());
        }
        render(ctx, HttpStatus.OK, "console/list.jte", new ListView(layout("Deliveries", session), filters, rows,
                older, newest, ChartGeometry.of(lastHour), error, duplicates()));
    }

    /** {@code "github 3, stripe 1"} by source name, or {@code "none"}. */
    private String duplicates() {
        String counts = useCases.duplicates().sinceStart().entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
        return counts.isEmpty() ? "none" : counts;
    }

    private void delivery(Context ctx, Session session) {
        Optional<DeliveryDetails> details;
        try {
            details = useCases.showDelivery().show(new WebhookType(ctx.pathParam("source")),
                    new WebhookId(ctx.pathParam("key")));
        } catch (IllegalArgumentException e) {
            details = Optional.empty();
        }
        if (details.isEmpty()) {
            render(ctx, HttpStatus.NOT_FOUND, "console/message.jte", new MessageView(layout("Not found", session),
                    "Not found", "No delivery is stored under this source and key."));
            return;
        }
        Optional<String> notice = Optional.ofNullable(ctx.queryParam("redelivered")).map(outcome ->
                outcome.equals("scheduled") ? "The message is scheduled to be sent again." : "No such message.");
        render(ctx, HttpStatus.OK, "console/delivery.jte", deliveryView(details.get(), session, notice));
    }

    private void redeliver(Context ctx, Session session) {
        WebhookType source;
        WebhookId key;
        MessageId message;
        try {
            source = new WebhookType(Objects.requireNonNullElse(ctx.formParam("source"), ""));
            key = new WebhookId(Objects.requireNonNullElse(ctx.formParam("key"), ""));
            message = new MessageId(Objects.requireNonNullElse(ctx.formParam("message"), ""));
        } catch (IllegalArgumentException e) {
            render(ctx, HttpStatus.BAD_REQUEST, "console/message.jte", new MessageView(layout("Bad request", session),
                    "Bad request", e.getMessage()));
            return;
        }
        Redelivery.Outcome outcome = useCases.redelivery().redeliver(message);
        ctx.redirect(deliveryHref(source.value(), key.value()) + "?redelivered="
                + (outcome == Redelivery.Outcome.SCHEDULED ? "scheduled" : "unknown"), HttpStatus.SEE_OTHER);
    }

    private void asset(Context ctx) {
        Optional<ConsoleAssets.Asset> asset = assets.find(ctx.pathParam("name"));
        secureHeaders(ctx);
        if (asset.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8").result("not found");
            return;
        }
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.contentType(asset.get().contentType()).result(asset.get().bytes());
    }

    private DeliveryView deliveryView(DeliveryDetails details, Session session, Optional<String> notice) {
        WebhookEvent event = details.event();
        DeliveryOutcome outcome = DeliveryOutcome.of(event.status());
        Optional<List<HeaderLine>> headers = details.request().map(request -> request.headers().stream()
                .map(ConsoleRoutes::headerLine).toList());
        Optional<String> body = details.request().map(ConsoleRoutes::bodyText);
        List<Message> messages = details.messages().stream().map(ConsoleRoutes::message).toList();
        return new DeliveryView(layout(event.webhookId().value(), session), event.type().value(),
                event.webhookId().value(), outcome.label().replace('_', ' '), rowClass(outcome), event.attempts(),
                ConsoleFormat.time(event.receivedAt()), ConsoleFormat.time(event.completedAt()),
                ConsoleFormat.duration(event.receivedAt(), event.completedAt()), event.fingerprint().hex(),
                Optional.ofNullable(event.response()).map(ConsoleFormat::prettyJson),
                Optional.ofNullable(event.lastError()), headers, body, messages, session.csrfToken(), notice);
    }

    /** The body pretty-printed when it is JSON, as text when it is UTF-8, otherwise base64-encoded and labelled. */
    private static String bodyText(StoredRequest request) {
        return request.text().map(ConsoleFormat::prettyJson).orElseGet(() -> "(" + request.rawBody().length
                + " bytes of " + request.contentType() + ", not UTF-8 text; base64)\n"
                + Base64.getMimeEncoder().encodeToString(request.rawBody()));
    }

    private static HeaderLine headerLine(StoredRequest.Header header) {
        boolean secret = ConsoleFormat.isSecretHeader(header.name());
        return new HeaderLine(header.name(), secret ? ConsoleFormat.MASK : header.value(), secret);
    }

    private static Message message(OutboundMessageView message) {
        return new Message(message.id().value(), message.destination().value(), message.state(),
                message.attempts().stream().map(attempt -> new AttemptLine(attempt.number(),
                        ConsoleFormat.time(attempt.at()), attempt.result(), attempt.detail().orElse(""))).toList());
    }

    private static Row row(WebhookEvent event, ForwardingState forwarding) {
        DeliveryOutcome outcome = DeliveryOutcome.of(event.status());
        return new Row(ConsoleFormat.time(event.receivedAt()), event.type().value(),
                event.event().orElse(ConsoleFormat.NONE),
                event.webhookId().value(), deliveryHref(event.type().value(), event.webhookId().value()),
                outcome.label().replace('_', ' '), rowClass(outcome), event.attempts(),
                ConsoleFormat.duration(event.receivedAt(), event.completedAt()),
                forwarding.total() == 0 ? ConsoleFormat.NONE : forwarding.summary(), forwardingClass(forwarding));
    }

    /** Dead messages stand out, pending ones a little. */
    static String forwardingClass(ForwardingState forwarding) {
        return forwarding.dead() > 0 ? "forwarding-dead"
                : forwarding.pending() > 0 ? "forwarding-pending"
                : forwarding.total() > 0 ? "forwarding-delivered" : "muted";
    }

    static String rowClass(DeliveryOutcome outcome) {
        return switch (outcome) {
            case PROCESSED -> "outcome-processed";
            case FAILED -> "outcome-failed";
            case IN_FLIGHT -> "outcome-in-flight";
        };
    }

    static String deliveryHref(String source, String key) {
        return "/console/deliveries/" + ConsoleFormat.pathSegment(source) + "/" + ConsoleFormat.pathSegment(key);
    }

    private static String listHref(String source, String outcome, String key, String before) {
        StringBuilder href = new StringBuilder("/console?source=").append(ConsoleFormat.queryValue(source))
                .append("&outcome=").append(ConsoleFormat.queryValue(outcome))
                .append("&key=").append(ConsoleFormat.queryValue(key));
        if (!before.isEmpty()) {
            href.append("&before=").append(ConsoleFormat.queryValue(before));
        }
        return href.toString();
    }

    private Layout layout(String title, Session session) {
        return new Layout(title, assets.stylesheet(), assets.script(),
                Optional.ofNullable(session).filter(ignored -> isSecured()).map(Session::csrfToken));
    }

    private void render(Context ctx, HttpStatus status, String template, Object view) {
        StringOutput output = new StringOutput();
        templates.render(template, view, output);
        ctx.status(status).html(output.toString());
    }

    private Optional<Session> session(Context ctx) {
        return sessions.find(ctx.cookie(COOKIE));
    }

    private Session open(Context ctx) {
        Session session = sessions.create();
        setCookie(ctx, session.id(), (int) ConsoleSessions.LIFETIME.toSeconds());
        return session;
    }

    private boolean isSecured() {
        return adminTokenDigest != null;
    }

    private static void setCookie(Context ctx, String value, int maxAgeSeconds) {
        String secure = "https".equalsIgnoreCase(ctx.scheme()) ? "; Secure" : "";
        ctx.header("Set-Cookie", COOKIE + "=" + value + "; Path=/console; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + secure);
    }

    private static void secureHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }

    private static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null ? "" : value.strip();
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
