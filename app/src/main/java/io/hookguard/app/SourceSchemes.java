package io.hookguard.app;

import io.hookguard.app.config.FieldLocation;
import io.hookguard.app.config.FileConfig;
import io.hookguard.app.config.SchemeSettings;
import io.hookguard.app.config.SourceConfig;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.http.HttpSources;
import io.hookguard.http.source.FieldRule;
import io.hookguard.http.source.GithubScheme;
import io.hookguard.http.source.HmacScheme;
import io.hookguard.http.source.NoneScheme;
import io.hookguard.http.source.SignatureScheme;
import io.hookguard.http.source.SourceFields;
import io.hookguard.http.source.StandardWebhooksScheme;
import io.hookguard.http.source.StripeScheme;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the configured sources into the HTTP edge's {@link HttpSources}, once at start: each source's settings into
 * its {@link SignatureScheme}, its key and event locations into {@link FieldRule}s.
 */
final class SourceSchemes {

    private SourceSchemes() {
    }

    static HttpSources of(FileConfig config) {
        return HttpSources.of(config.sources().stream().map(SourceSchemes::source).toList());
    }

    static HttpSources.Source source(SourceConfig config) {
        return switch (config.name()) {
            case SourceConfig.WORKFLOW_COMPLETE -> HttpSources.workflowComplete(config.secrets(), config.maxBodyBytes());
            case SourceConfig.GITHUB -> HttpSources.github(config.secrets(), config.maxBodyBytes());
            default -> declared(config);
        };
    }

    private static HttpSources.Source declared(SourceConfig config) {
        SignatureScheme scheme = scheme(config.verification(), config.secrets());
        SourceFields fields = SourceFields.of(scheme, config.key().map(location -> rule(scheme, location)),
                config.event().map(location -> rule(scheme, location)));
        return new HttpSources.Source(new WebhookType(config.name()), scheme, Optional.of(fields),
                config.maxBodyBytes());
    }

    static SignatureScheme scheme(SchemeSettings settings, List<String> secrets) {
        if (secrets.isEmpty()) {
            return NoneScheme.INSTANCE;
        }
        if (settings instanceof SchemeSettings.Github) {
            return new GithubScheme(secrets);
        }
        if (settings instanceof SchemeSettings.StandardWebhooks standard) {
            return new StandardWebhooksScheme(secrets, standard.toleranceOfTimestamp());
        }
        if (settings instanceof SchemeSettings.Stripe stripe) {
            return new StripeScheme(secrets, stripe.toleranceOfTimestamp());
        }
        if (settings instanceof SchemeSettings.Hmac hmac) {
            return HmacScheme.of(hmac.header(), hmac.algorithm().name().toLowerCase(Locale.ROOT),
                    hmac.encoding().name().toLowerCase(Locale.ROOT), hmac.prefix(), secrets);
        }
        return NoneScheme.INSTANCE;
    }

    /**
     * The rule of a configured location; where it names the scheme's default header, the scheme's own rule, which
     * also knows the header's alternatives (Standard Webhooks' {@code svix-id} beside {@code webhook-id}).
     */
    private static FieldRule rule(SignatureScheme scheme, FieldLocation location) {
        FieldRule parsed = FieldRule.parse(location.text());
        for (Optional<FieldRule> fallback : List.of(scheme.defaultKey(), scheme.defaultEvent())) {
            if (fallback.isPresent() && fallback.get() instanceof FieldRule.Header header
                    && parsed instanceof FieldRule.Header given && header.name().equalsIgnoreCase(given.name())) {
                return header;
            }
        }
        return parsed;
    }
}
