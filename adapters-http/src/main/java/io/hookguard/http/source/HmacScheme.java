package io.hookguard.http.source;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Generic HMAC verification: one configured header carries {@code <prefix><encoded HMAC(secret, raw body)>}, with
 * SHA-256 or SHA-512, hex or base64, and the secret's UTF-8 bytes as the key. No timestamp is signed, so only
 * deduplication stops a replay. The built-in {@code workflow_complete} source is one ({@link #workflowComplete}).
 */
public final class HmacScheme implements SignatureScheme {

    /** The header of the built-in {@code workflow_complete} source. */
    public static final String WORKFLOW_COMPLETE_HEADER = "X-Webhook-Signature";

    /** The hash functions accepted; SHA-1 is refused. */
    public enum Algorithm {
        SHA256("sha256", "HmacSHA256", 32),
        SHA512("sha512", "HmacSHA512", 64);

        private final String configName;
        private final String jcaName;
        private final int macLength;

        Algorithm(String configName, String jcaName, int macLength) {
            this.configName = configName;
            this.jcaName = jcaName;
            this.macLength = macLength;
        }

        /** The algorithm named {@code sha256} or {@code sha512} (any case); {@code null} means sha256. */
        public static Algorithm parse(String text) {
            if (text == null) {
                return SHA256;
            }
            String name = text.trim().toLowerCase(Locale.ROOT).replace("-", "");
            for (Algorithm algorithm : values()) {
                if (algorithm.configName.equals(name)) {
                    return algorithm;
                }
            }
            if (name.equals("sha1")) {
                throw new IllegalArgumentException("'algorithm' sha1 is refused: HMAC-SHA1 is too weak to accept; "
                        + "accepted: sha256 or sha512");
            }
            throw new IllegalArgumentException("'algorithm' '" + text + "' is unknown; accepted: sha256 or sha512");
        }

        public String configName() {
            return configName;
        }
    }

    /** How the MAC is written in the header. */
    public enum Encoding {
        HEX("hex"),
        BASE64("base64");

        private final String configName;

        Encoding(String configName) {
            this.configName = configName;
        }

        /** The encoding named {@code hex} or {@code base64} (any case); {@code null} means hex. */
        public static Encoding parse(String text) {
            if (text == null) {
                return HEX;
            }
            String name = text.trim().toLowerCase(Locale.ROOT);
            for (Encoding encoding : values()) {
                if (encoding.configName.equals(name)) {
                    return encoding;
                }
            }
            throw new IllegalArgumentException("'encoding' '" + text + "' is unknown; accepted: hex or base64");
        }

        public String configName() {
            return configName;
        }
    }

    private static final byte[] NOTHING = new byte[0];

    private final String header;
    private final Algorithm algorithm;
    private final Encoding encoding;
    private final String prefix;
    private final HmacKeys keys;

    /**
     * @param header the request header that carries the signature
     * @param prefix text before the encoded MAC, such as {@code sha256=}; {@code null} or empty for none
     * @param secrets one or more secrets; any one verifies a request
     * @throws IllegalArgumentException naming the field ({@code 'header'}, {@code 'secrets[1]'}, ...)
     */
    public HmacScheme(String header, Algorithm algorithm, Encoding encoding, String prefix, List<String> secrets) {
        this.header = HeaderNames.check("header", header);
        this.algorithm = Objects.requireNonNull(algorithm, "'algorithm' is required");
        this.encoding = Objects.requireNonNull(encoding, "'encoding' is required");
        this.prefix = prefix == null ? "" : prefix;
        this.keys = HmacKeys.utf8(algorithm.jcaName, secrets);
    }

    /**
     * The scheme from configuration text: {@code algorithm} {@code sha256|sha512} (default sha256; sha1 refused),
     * {@code encoding} {@code hex|base64} (default hex), optional {@code prefix}.
     */
    public static HmacScheme of(String header, String algorithm, String encoding, String prefix, List<String> secrets) {
        return new HmacScheme(header, Algorithm.parse(algorithm), Encoding.parse(encoding), prefix, secrets);
    }

    /** The built-in {@code workflow_complete} source: {@code X-Webhook-Signature: sha256=<hex HMAC-SHA256>}. */
    public static HmacScheme workflowComplete(List<String> secrets) {
        return new HmacScheme(WORKFLOW_COMPLETE_HEADER, Algorithm.SHA256, Encoding.HEX, "sha256=", secrets);
    }

    @Override
    public String name() {
        return "hmac";
    }

    /** The header that carries the signature. */
    public String header() {
        return header;
    }

    @Override
    public Verification verify(RequestHeaders headers, byte[] body, Instant now) {
        String value = headers.get(header);
        if (value == null) {
            return new Verification.Refused(header, "'" + header + "' is required");
        }
        if (value.isEmpty()) {
            return new Verification.Refused(header, "'" + header + "' is empty");
        }
        byte[] given = value.startsWith(prefix) ? decode(value.substring(prefix.length())) : null;
        if (given == null) {
            return new Verification.Refused(header, "'" + header + "' must be " + format());
        }
        OptionalInt index = keys.matching(NOTHING, body, List.of(given));
        if (index.isEmpty()) {
            return new Verification.Refused(header,
                    "'" + header + "' does not match the body with any configured secret");
        }
        return new Verification.Verified(index.getAsInt());
    }

    private byte[] decode(String text) {
        try {
            byte[] bytes = switch (encoding) {
                case HEX -> text.length() == 2 * algorithm.macLength ? HexFormat.of().parseHex(text) : null;
                case BASE64 -> Base64.getDecoder().decode(text.getBytes(StandardCharsets.US_ASCII));
            };
            return bytes != null && bytes.length == algorithm.macLength ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String format() {
        String mac = "HMAC-" + algorithm.configName.toUpperCase(Locale.ROOT);
        String encoded = switch (encoding) {
            case HEX -> (2 * algorithm.macLength) + " hex characters (the " + mac + " of the body)";
            case BASE64 -> "the base64 of the " + algorithm.macLength + "-byte " + mac + " of the body";
        };
        return prefix.isEmpty() ? encoded : "'" + prefix + "' followed by " + encoded;
    }

    @Override
    public String toString() {
        return "HmacScheme[header=" + header + ", algorithm=" + algorithm.configName + ", encoding="
                + encoding.configName + ", prefix='" + prefix + "', secrets=" + keys.size() + "]";
    }
}
