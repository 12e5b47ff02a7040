package io.hookguard.http.source;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * GitHub's webhook signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, raw body)>}, the secret's
 * UTF-8 bytes as the key. The legacy SHA-1 {@code X-Hub-Signature} is never accepted. Keys default to
 * {@code X-GitHub-Delivery}, event types to {@code X-GitHub-Event}.
 */
public final class GithubScheme implements SignatureScheme {

    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    public static final String LEGACY_SIGNATURE_HEADER = "X-Hub-Signature";
    public static final String DELIVERY_HEADER = "X-GitHub-Delivery";
    public static final String EVENT_HEADER = "X-GitHub-Event";

    private final HmacScheme hmac;

    /** @param secrets the hook's secret, or several while it is being rotated */
    public GithubScheme(List<String> secrets) {
        this.hmac = new HmacScheme(SIGNATURE_HEADER, HmacScheme.Algorithm.SHA256, HmacScheme.Encoding.HEX, "sha256=",
                secrets);
    }

    @Override
    public String name() {
        return "github";
    }

    @Override
    public Verification verify(RequestHeaders headers, byte[] body, Instant now) {
        if (headers.get(SIGNATURE_HEADER) == null && headers.get(LEGACY_SIGNATURE_HEADER) != null) {
            return new Verification.Refused(SIGNATURE_HEADER, "'" + SIGNATURE_HEADER + "' is required; the SHA-1 '"
                    + LEGACY_SIGNATURE_HEADER + "' alone is not accepted");
        }
        return hmac.verify(headers, body, now);
    }

    @Override
    public Optional<FieldRule> defaultKey() {
        return Optional.of(FieldRule.header(DELIVERY_HEADER));
    }

    @Override
    public Optional<FieldRule> defaultEvent() {
        return Optional.of(FieldRule.header(EVENT_HEADER));
    }

    @Override
    public String toString() {
        return "GithubScheme[" + hmac + "]";
    }
}
