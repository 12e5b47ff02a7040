package io.hookguard.http.console;

import java.util.List;
import java.util.Optional;

/**
 * What the console's templates render: plain records of display strings, built by {@link ConsoleRoutes}. The
 * templates escape every value, so a string here is always shown as text.
 */
public final class ConsoleViews {

    private ConsoleViews() {
    }

    /** The frame every page shares: title, asset paths, and the logout form when a session exists. */
    public record Layout(String title, String stylesheet, String script, Optional<String> logoutCsrf) {
    }

    /** The login form, with the error of a refused attempt. */
    public record LoginView(Layout layout, Optional<String> error) {
    }

    /** A short page with one message (not found, forbidden). */
    public record MessageView(Layout layout, String heading, String message) {
    }

    /** The delivery list: filters, rows, paging links and the chart. */
    public record ListView(Layout layout, Filters filters, List<Row> rows, Optional<String> olderHref,
            Optional<String> newestHref, Chart chart, Optional<String> error, String duplicates) {
    }

    /** The filter form's current values and the outcome choices. */
    public record Filters(String source, String outcome, String key, List<Choice> outcomes) {
    }

    /** One option of a select. */
    public record Choice(String value, String label, boolean selected) {
    }

    /** One delivery in the list. */
    public record Row(String received, String source, String event, String key, String href, String outcome,
            String rowClass, int attempts, String duration, String forwarding, String forwardingClass) {
    }

    /** The per-minute chart as SVG geometry computed on the server. */
    public record Chart(int width, int height, List<Rect> rects, List<Label> labels, List<Legend> legend,
            long total) {
    }

    /** One stacked bar segment. */
    public record Rect(int x, int y, int width, int height, String cssClass, String title) {
    }

    /** One axis label. */
    public record Label(int x, int y, String anchor, String text) {
    }

    /** One legend entry: outcome label, CSS class and total count. */
    public record Legend(String label, String cssClass, long count) {
    }

    /** One delivery's page. */
    public record DeliveryView(Layout layout, String source, String key, String outcome, String outcomeClass,
            int attempts, String received, String completed, String duration, String fingerprint,
            Optional<String> response, Optional<String> lastError, Optional<List<HeaderLine>> headers,
            Optional<String> body, List<Message> messages, String csrf, Optional<String> notice) {
    }

    /** One stored request header; signature values arrive here already masked. */
    public record HeaderLine(String name, String value, boolean masked) {
    }

    /** One outbound message of a delivery with its attempts. */
    public record Message(String id, String destination, String state, List<AttemptLine> attempts) {
    }

    /** One attempt of an outbound message. */
    public record AttemptLine(int number, String at, String result, String detail) {
    }
}
