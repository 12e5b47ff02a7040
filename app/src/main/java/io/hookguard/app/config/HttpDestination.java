package io.hookguard.app.config;

import io.hookguard.domain.outbox.DestinationName;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * An HTTP destination: messages are {@code POST}ed to {@code url}, signed as Standard Webhooks with
 * {@code secret}, each attempt bounded by {@code timeout}.
 */
public record HttpDestination(DestinationName name, URI url, String secret, Duration timeout, List<Duration> retry)
        implements DestinationConfig {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    static final String URL_FORM = "an absolute http or https URL such as http://127.0.0.1:9000/hooks";
    static final String SECRET_FORM = "a Standard Webhooks signing secret: whsec_ followed by base64";

    public HttpDestination {
        Objects.requireNonNull(name, "'name' is required");
        checkUrl(Objects.requireNonNull(url, "'url' is required").toString());
        checkSecret(Objects.requireNonNull(secret, "'secret' is required"));
        Objects.requireNonNull(timeout, "'timeout' is required");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("'timeout' must be a positive duration");
        }
        retry = DestinationConfig.checkedRetry(retry);
    }

    /** The key the signatures are made with: the base64 after {@code whsec_}, decoded. */
    public byte[] signingKey() {
        return Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    static URI checkUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new Invalid("'" + text + "' is not a URL", URL_FORM);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getHost().isEmpty() || uri.getRawFragment() != null) {
            throw new Invalid("'" + text + "' is not an absolute http or https URL", URL_FORM);
        }
        return uri;
    }

    static String checkSecret(String secret) {
        if (!secret.startsWith("whsec_") || secret.length() == "whsec_".length()) {
            throw new Invalid("not a whsec_ secret", SECRET_FORM);
        }
        try {
            Base64.getDecoder().decode(secret.substring("whsec_".length()));
        } catch (IllegalArgumentException e) {
            throw new Invalid("what follows whsec_ is not base64", SECRET_FORM);
        }
        return secret;
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "HttpDestination[name=" + name + ", url=" + url + ", secret=(masked), timeout=" + timeout
                + ", retry=" + retry + "]";
    }
}
