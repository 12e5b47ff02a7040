package io.hookguard.http.forward;

import io.hookguard.domain.outbox.DestinationName;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One HTTP destination as configured.
 *
 * @param name    the destination's name
 * @param url     where messages are POSTed ({@code http} or {@code https})
 * @param secret  the Standard Webhooks secret the requests are signed with
 * @param timeout how long one attempt may take, connecting and reading the answer included
 */
public record HttpDestinationSettings(DestinationName name, URI url, SigningSecret secret, Duration timeout) {

    /** The timeout of a destination that declares none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    public HttpDestinationSettings {
        Objects.requireNonNull(name, "'name' is required");
        Objects.requireNonNull(url, "'url' is required");
        Objects.requireNonNull(secret, "'secret' is required");
        Objects.requireNonNull(timeout, "'timeout' is required");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("'url' must be an absolute http or https URL");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("'timeout' must be positive");
        }
    }
}
