package io.hookguard.app.config;

import io.hookguard.domain.outbox.DestinationName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One source of the configuration: a kind of sender, how its requests are verified, where its key and event
 * type are, its dedup window and body limit, and the destinations that receive what it accepted.
 *
 * @param name         the source's name and {@code webhook_type}; {@code POST /api/v1/webhooks/{name}}
 * @param verification the scheme and its settings
 * @param secrets      the secrets in order; any one verifies (rotation). Empty only for {@code none} and for a
 *                     built-in source without a secret (which accepts unsigned deliveries, as before)
 * @param key          where the idempotency key is; empty only for {@code workflow_complete}, whose key is the
 *                     digest of its report
 * @param event        where the event type is, if anywhere
 * @param window       the dedup window
 * @param maxBodyBytes the body limit of this source
 * @param forward      the destinations that receive what this source accepted
 */
public record SourceConfig(
        String name,
        SchemeSettings verification,
        List<String> secrets,
        Optional<FieldLocation> key,
        Optional<FieldLocation> event,
        Duration window,
        long maxBodyBytes,
        List<DestinationName> forward) {

    public static final String WORKFLOW_COMPLETE = "workflow_complete";
    public static final String GITHUB = "github";
    /** GitHub caps payloads at 25 MB and does not retry a 413, so its limit is at least this. */
    public static final long GITHUB_MAX_BODY = 25L * 1024 * 1024;

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    static final String NAME_FORM = "1..64 characters of a-z, 0-9 and '_', starting with a letter";

    public SourceConfig {
        Objects.requireNonNull(name, "'name' is required");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'name' must be " + NAME_FORM);
        }
        Objects.requireNonNull(verification, "'verification' is required");
        secrets = List.copyOf(secrets);
        if (secrets.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("'secrets' must not contain an empty secret");
        }
        if (verification.scheme() == Scheme.NONE && !secrets.isEmpty()) {
            throw new IllegalArgumentException("'secrets' must be empty for verify none");
        }
        if (secrets.isEmpty() && verification.scheme() != Scheme.NONE && !builtIn(name)) {
            throw new IllegalArgumentException("'secrets' must hold one or more secrets for verify "
                    + verification.scheme());
        }
        Objects.requireNonNull(key, "'key' is required");
        if (key.isEmpty() != name.equals(WORKFLOW_COMPLETE)) {
            throw new IllegalArgumentException("'key' is required (only workflow_complete derives its own)");
        }
        Objects.requireNonNull(event, "'event' is required (Optional.empty() for none)");
        Objects.requireNonNull(window, "'window' is required");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("'window' must be a positive duration");
        }
        verification.tolerance().ifPresent(tolerance -> {
            if (window.compareTo(tolerance) < 0) {
                throw new IllegalArgumentException("'window' must be at least the tolerance " + tolerance);
            }
        });
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("'maxBodyBytes' must be positive");
        }
        forward = List.copyOf(forward);
    }

    /** Whether {@code name} is one of the two sources Hookguard always has. */
    public static boolean builtIn(String name) {
        return WORKFLOW_COMPLETE.equals(name) || GITHUB.equals(name);
    }

    public boolean builtIn() {
        return builtIn(name);
    }

    /** The tolerance of a timestamped scheme. */
    public Optional<Duration> tolerance() {
        return verification.tolerance();
    }

    /** Whether a request must prove where it comes from: a verifying scheme and at least one secret. */
    public boolean verifies() {
        return verification.scheme() != Scheme.NONE && !secrets.isEmpty();
    }

    /** The same source with the environment's secret merged in front; see {@link #mergeSecrets}. */
    public SourceConfig withEnvironmentSecret(Optional<String> environmentSecret) {
        return new SourceConfig(name, verification, mergeSecrets(environmentSecret, secrets), key, event, window,
                maxBodyBytes, forward);
    }

    /**
     * The environment wins over the file, without breaking rotation: the environment's secret (such as
     * {@code HOOKGUARD_GITHUB_SECRET}), when set, comes first, followed by the file's secrets that differ from it,
     * in the file's order. Without an environment secret the file's list stands as it is.
     */
    public static List<String> mergeSecrets(Optional<String> environmentSecret, List<String> fileSecrets) {
        if (environmentSecret.isEmpty()) {
            return List.copyOf(fileSecrets);
        }
        List<String> merged = new ArrayList<>();
        merged.add(environmentSecret.get());
        fileSecrets.stream().filter(secret -> !secret.equals(environmentSecret.get())).forEach(merged::add);
        return List.copyOf(merged);
    }

    /** Never prints a secret, only how many there are. */
    @Override
    public String toString() {
        return "SourceConfig[name=" + name + ", verify=" + verification + ", secrets=" + secrets.size()
                + ", key=" + key.map(FieldLocation::text).orElse("(derived)")
                + ", event=" + event.map(FieldLocation::text).orElse("(none)")
                + ", window=" + window + ", maxBodyBytes=" + maxBodyBytes + ", forward=" + forward + "]";
    }
}
