package io.hookguard.http;

import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.http.source.FieldRule;
import io.hookguard.http.source.GithubScheme;
import io.hookguard.http.source.HmacScheme;
import io.hookguard.http.source.NoneScheme;
import io.hookguard.http.source.SignatureScheme;
import io.hookguard.http.source.SourceFields;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sources the HTTP edge receives, built once at start: for each name its verification scheme, where its key and
 * event type are, and its body limit. Always holds both built-in sources ({@code workflow_complete}, {@code github});
 * the others are declared and receive at {@code POST /api/v1/webhooks/{name}}.
 */
public final class HttpSources {

    /** One source: {@code fields} is empty only for {@code workflow_complete}, whose key is derived from its report. */
    public record Source(WebhookType name, SignatureScheme scheme, Optional<SourceFields> fields, long maxBodyBytes) {

        public Source {
            Objects.requireNonNull(name, "'name' is required");
            Objects.requireNonNull(scheme, "'scheme' is required");
            Objects.requireNonNull(fields, "'fields' is required");
            if (fields.isEmpty() != name.equals(WebhookType.WORKFLOW_COMPLETE)) {
                throw new IllegalArgumentException("'fields' of source " + name
                        + " are required (only workflow_complete derives its own key)");
            }
            if (maxBodyBytes < 1 || maxBodyBytes > HttpSettings.MAX_MAX_BODY_BYTES) {
                throw new IllegalArgumentException("'maxBodyBytes' of source " + name + " must be 1.."
                        + HttpSettings.MAX_MAX_BODY_BYTES);
            }
        }

        /** Whether this is one of the two built-in sources, which have their own paths. */
        public boolean builtIn() {
            return name.equals(WebhookType.WORKFLOW_COMPLETE) || name.equals(WebhookType.GITHUB);
        }
    }

    private final Map<String, Source> sources;

    private HttpSources(Collection<Source> sources) {
        Map<String, Source> byName = new LinkedHashMap<>();
        for (Source source : sources) {
            if (byName.put(source.name().value(), source) != null) {
                throw new IllegalArgumentException("source '" + source.name() + "' is given twice");
            }
        }
        if (!byName.containsKey(WebhookType.WORKFLOW_COMPLETE.value()) || !byName.containsKey(WebhookType.GITHUB.value())) {
            throw new IllegalArgumentException("the sources must hold both built-in sources");
        }
        this.sources = Collections.unmodifiableMap(byName);
    }

    /** The given sources; both built-in ones must be among them. */
    public static HttpSources of(List<Source> sources) {
        return new HttpSources(List.copyOf(sources));
    }

    /**
     * Only the two built-in sources, as {@link HttpSettings} describe them: one secret each (or none, which accepts
     * unsigned deliveries) and the server's body limit.
     */
    public static HttpSources builtIns(HttpSettings settings) {
        return of(List.of(workflowComplete(secrets(settings.webhookSecret()), settings.maxBodyBytes()),
                github(secrets(settings.githubSecret()), settings.maxBodyBytes())));
    }

    /** The built-in {@code workflow_complete} source: {@code X-Webhook-Signature}, or unsigned without a secret. */
    public static Source workflowComplete(List<String> secrets, long maxBodyBytes) {
        SignatureScheme scheme = secrets.isEmpty() ? NoneScheme.INSTANCE : HmacScheme.workflowComplete(secrets);
        return new Source(WebhookType.WORKFLOW_COMPLETE, scheme, Optional.empty(), maxBodyBytes);
    }

    /** The built-in {@code github} source: {@code X-Hub-Signature-256}, or unsigned without a secret. */
    public static Source github(List<String> secrets, long maxBodyBytes) {
        SignatureScheme scheme = secrets.isEmpty() ? NoneScheme.INSTANCE : new GithubScheme(secrets);
        SourceFields fields = new SourceFields(FieldRule.header(GithubScheme.DELIVERY_HEADER),
                Optional.of(FieldRule.header(GithubScheme.EVENT_HEADER)));
        return new Source(WebhookType.GITHUB, scheme, Optional.of(fields), maxBodyBytes);
    }

    public Optional<Source> find(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    /** The source of that name; both built-in ones always exist. */
    public Source get(WebhookType name) {
        Source source = sources.get(name.value());
        if (source == null) {
            throw new IllegalArgumentException("no source " + name);
        }
        return source;
    }

    public Collection<Source> all() {
        return sources.values();
    }

    /** The largest body limit of all sources: what the server as a whole must let through. */
    public long largestBodyLimit() {
        return sources.values().stream().mapToLong(Source::maxBodyBytes).max().orElseThrow();
    }

    private static List<String> secrets(String secret) {
        return secret == null ? List.of() : List.of(secret);
    }

    @Override
    public String toString() {
        return "HttpSources" + sources.keySet();
    }
}
