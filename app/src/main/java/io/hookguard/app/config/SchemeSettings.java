package io.hookguard.app.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** How requests of one source are verified, with the settings that belong to its scheme only. */
public sealed interface SchemeSettings
        permits SchemeSettings.Github, SchemeSettings.StandardWebhooks, SchemeSettings.Stripe, SchemeSettings.Hmac,
        SchemeSettings.None {

    /** The tolerance of a timestamped scheme when the file gives none. */
    Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    Scheme scheme();

    /** How far a signed timestamp may lie from now; present only for timestamped schemes. */
    default Optional<Duration> tolerance() {
        return Optional.empty();
    }

    /** {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256>} over the raw body. */
    record Github() implements SchemeSettings {
        @Override
        public Scheme scheme() {
            return Scheme.GITHUB;
        }
    }

    /** Standard Webhooks ({@code webhook-*} or {@code svix-*} headers), timestamp within ±tolerance. */
    record StandardWebhooks(Duration toleranceOfTimestamp) implements SchemeSettings {
        public StandardWebhooks {
            requirePositive(toleranceOfTimestamp);
        }

        @Override
        public Scheme scheme() {
            return Scheme.STANDARD_WEBHOOKS;
        }

        @Override
        public Optional<Duration> tolerance() {
            return Optional.of(toleranceOfTimestamp);
        }
    }

    /** {@code Stripe-Signature: t=…,v1=…}; a timestamp older than the tolerance is refused. */
    record Stripe(Duration toleranceOfTimestamp) implements SchemeSettings {
        public Stripe {
            requirePositive(toleranceOfTimestamp);
        }

        @Override
        public Scheme scheme() {
            return Scheme.STRIPE;
        }

        @Override
        public Optional<Duration> tolerance() {
            return Optional.of(toleranceOfTimestamp);
        }
    }

    /**
     * A generic HMAC over the raw body, in {@code header}, as {@code prefix} followed by the encoded digest.
     * The built-in {@code workflow_complete} source is {@code X-Webhook-Signature}, sha256, hex, {@code sha256=}.
     */
    record Hmac(String header, Algorithm algorithm, Encoding encoding, String prefix) implements SchemeSettings {

        public static final Hmac WORKFLOW_COMPLETE = new Hmac("X-Webhook-Signature", Algorithm.SHA256, Encoding.HEX,
                "sha256=");

        public Hmac {
            Objects.requireNonNull(header, "'header' is required");
            new FieldLocation.Header(header);
            Objects.requireNonNull(algorithm, "'algorithm' is required");
            Objects.requireNonNull(encoding, "'encoding' is required");
            Objects.requireNonNull(prefix, "'prefix' is required (empty for none)");
        }

        @Override
        public Scheme scheme() {
            return Scheme.HMAC;
        }
    }

    /** No verification: allowed only while the server listens on loopback. */
    record None() implements SchemeSettings {
        @Override
        public Scheme scheme() {
            return Scheme.NONE;
        }
    }

    /** The digest of a generic HMAC source. */
    enum Algorithm {
        SHA256("HmacSHA256"),
        SHA512("HmacSHA512");

        static final String ACCEPTED = "sha256, sha512";

        private final String jcaName;

        Algorithm(String jcaName) {
            this.jcaName = jcaName;
        }

        /** The name {@code javax.crypto.Mac.getInstance} takes. */
        public String jcaName() {
            return jcaName;
        }

        static Algorithm parse(String text) {
            return switch (text) {
                case "sha256" -> SHA256;
                case "sha512" -> SHA512;
                case "sha1" -> throw new Invalid("sha1 is refused: SHA-1 is deprecated for signatures",
                        ACCEPTED);
                default -> throw new Invalid("unknown algorithm '" + text + "'", ACCEPTED);
            };
        }
    }

    /** How a generic HMAC source writes its digest. */
    enum Encoding {
        HEX,
        BASE64;

        static final String ACCEPTED = "hex, base64";

        static Encoding parse(String text) {
            return switch (text) {
                case "hex" -> HEX;
                case "base64" -> BASE64;
                default -> throw new Invalid("unknown encoding '" + text + "'", ACCEPTED);
            };
        }
    }

    private static void requirePositive(Duration tolerance) {
        Objects.requireNonNull(tolerance, "'tolerance' is required");
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("'tolerance' must be a positive duration");
        }
    }
}
