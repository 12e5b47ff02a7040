package io.hookguard.http.source;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Standard Webhooks signature (used by Svix and every sender built on it): headers {@code webhook-id},
 * {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature} — or the same three named {@code svix-*} —
 * where the signature header is a space-separated list of {@code v1,<base64 HMAC-SHA256("{id}.{timestamp}.{raw
 * body}")>}, any one matching being enough. A secret is {@code whsec_<base64>} and the key is the decoded bytes. The
 * timestamp must lie within the tolerance of now, either way. Asymmetric {@code v1a} signatures are not supported.
 * Keys default to the {@code webhook-id} (or {@code svix-id}) header.
 */
public final class StandardWebhooksScheme implements SignatureScheme {

    /** The names of the three headers, unbranded or as Svix sends them. */
    public enum HeaderSet {
        WEBHOOK("webhook-id", "webhook-timestamp", "webhook-signature"),
        SVIX("svix-id", "svix-timestamp", "svix-signature");

        private final String id;
        private final String timestamp;
        private final String signature;

        HeaderSet(String id, String timestamp, String signature) {
            this.id = id;
            this.timestamp = timestamp;
            this.signature = signature;
        }

        public String id() {
            return id;
        }

        public String timestamp() {
            return timestamp;
        }

        public String signature() {
            return signature;
        }

        /** The set the request uses: {@code svix-*} only when it sent none of the {@code webhook-*} headers. */
        static HeaderSet of(RequestHeaders headers) {
            for (HeaderSet set : values()) {
                if (headers.get(set.id) != null || headers.get(set.timestamp) != null
                        || headers.get(set.signature) != null) {
                    return set;
                }
            }
            return WEBHOOK;
        }
    }

    public static final String SECRET_PREFIX = "whsec_";

    private static final int MAC_LENGTH = 32;

    private final HmacKeys keys;
    private final Tolerance tolerance;

    /**
     * @param secrets {@code whsec_<base64>} secrets as the sender shows them (a leading {@code v1,} pasted along is
     *     tolerated; the {@code whsec_} prefix may be left out); any one verifies a request
     * @param tolerance how far the signed timestamp may lie from now (the standard's default is 5 minutes)
     * @throws IllegalArgumentException naming the secret's position ({@code 'secrets[1]'}), never its value
     */
    public StandardWebhooksScheme(List<String> secrets, Duration tolerance) {
        HmacKeys.checkPresent(secrets);
        List<byte[]> decoded = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            decoded.add(decode(i, secrets.get(i)));
        }
        this.keys = HmacKeys.of("HmacSHA256", decoded);
        this.tolerance = new Tolerance(tolerance);
    }

    /** With the default tolerance of 5 minutes. */
    public StandardWebhooksScheme(List<String> secrets) {
        this(secrets, Tolerance.DEFAULT);
    }

    private static byte[] decode(int position, String secret) {
        String text = secret.strip();
        if (text.startsWith("v1,")) {
            text = text.substring("v1,".length());
        }
        if (text.startsWith(SECRET_PREFIX)) {
            text = text.substring(SECRET_PREFIX.length());
        }
        String problem = "'secrets[" + position + "]' must be '" + SECRET_PREFIX + "' followed by base64";
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(problem);
        }
        if (key.length == 0) {
            throw new IllegalArgumentException(problem + " of at least one byte");
        }
        return key;
    }

    @Override
    public String name() {
        return "standard-webhooks";
    }

    @Override
    public Verification verify(RequestHeaders headers, byte[] body, Instant now) {
        HeaderSet set = HeaderSet.of(headers);
        String id = headers.get(set.id);
        String timestamp = headers.get(set.timestamp);
        String signature = headers.get(set.signature);
        Optional<Verification.Refused> missing = missing(set.id, id)
                .or(() -> missing(set.timestamp, timestamp))
                .or(() -> missing(set.signature, signature));
        if (missing.isPresent()) {
            return missing.get();
        }
        if (!Tolerance.isUnixSeconds(timestamp)) {
            return new Verification.Refused(set.timestamp,
                    "'" + set.timestamp + "' must be a Unix time in whole seconds (digits only)");
        }
        List<byte[]> candidates = new ArrayList<>();
        boolean asymmetric = false;
        for (String entry : signature.split(" ")) {
            int comma = entry.indexOf(',');
            String version = comma < 0 ? entry : entry.substring(0, comma);
            if (version.equals("v1")) {
                byte[] mac = base64(entry.substring(comma + 1));
                if (mac != null) {
                    candidates.add(mac);
                }
            } else if (version.equals("v1a")) {
                asymmetric = true;
            }
        }
        if (candidates.isEmpty()) {
            return new Verification.Refused(set.signature, asymmetric
                    ? "'" + set.signature + "' holds only asymmetric 'v1a' signatures, which are not supported; "
                            + "give the sender a symmetric '" + SECRET_PREFIX + "' secret"
                    : "'" + set.signature + "' must be a space-separated list of 'v1,<base64 HMAC-SHA256>'");
        }
        byte[] signed = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        OptionalInt index = keys.matching(signed, body, candidates);
        if (index.isEmpty()) {
            return new Verification.Refused(set.signature,
                    "'" + set.signature + "' does not match the body with any configured secret");
        }
        Optional<Verification.Refused> late = tolerance.check(set.timestamp, "'" + set.timestamp + "'",
                Long.parseLong(timestamp), now);
        if (late.isPresent()) {
            return late.get();
        }
        return new Verification.Verified(index.getAsInt());
    }

    private static Optional<Verification.Refused> missing(String header, String value) {
        if (value == null) {
            return Optional.of(new Verification.Refused(header, "'" + header + "' is required"));
        }
        if (value.isEmpty()) {
            return Optional.of(new Verification.Refused(header, "'" + header + "' is empty"));
        }
        return Optional.empty();
    }

    private static byte[] base64(String text) {
        try {
            byte[] mac = Base64.getDecoder().decode(text);
            return mac.length == MAC_LENGTH ? mac : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public Optional<Duration> tolerance() {
        return Optional.of(tolerance.value());
    }

    @Override
    public Optional<FieldRule> defaultKey() {
        return Optional.of(FieldRule.header(HeaderSet.WEBHOOK.id, HeaderSet.SVIX.id));
    }

    @Override
    public String toString() {
        return "StandardWebhooksScheme[secrets=" + keys.size() + ", tolerance=" + tolerance.value() + "]";
    }
}
