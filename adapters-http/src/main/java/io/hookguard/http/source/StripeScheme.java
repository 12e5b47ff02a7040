package io.hookguard.http.source;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]}, each {@code v1} an
 * HMAC-SHA256 of {@code "{t}.{raw body}"} keyed with the whole secret string ({@code whsec_} included) as UTF-8 —
 * not base64-decoded, unlike Standard Webhooks. Any one {@code v1} made with any one secret is enough; other
 * entries (the test-mode {@code v0}) are ignored. {@code t} must lie within the tolerance of now, in the past (a
 * replay) and, unlike Stripe's own library, in the future too. Keys default to {@code json:/id}, event types to
 * {@code json:/type}.
 */
public final class StripeScheme implements SignatureScheme {

    public static final String SIGNATURE_HEADER = "Stripe-Signature";

    private static final int HEX_LENGTH = 64;

    private final HmacKeys keys;
    private final Tolerance tolerance;

    /**
     * @param secrets the endpoint's signing secret ({@code whsec_…}), or several while it is being rotated
     * @param tolerance how far {@code t} may lie from now (Stripe's own default is 5 minutes)
     */
    public StripeScheme(List<String> secrets, Duration tolerance) {
        this.keys = HmacKeys.utf8("HmacSHA256", secrets);
        this.tolerance = new Tolerance(tolerance);
    }

    /** With the default tolerance of 5 minutes. */
    public StripeScheme(List<String> secrets) {
        this(secrets, Tolerance.DEFAULT);
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public Verification verify(RequestHeaders headers, byte[] body, Instant now) {
        String value = headers.get(SIGNATURE_HEADER);
        if (value == null) {
            return refused("is required");
        }
        if (value.isEmpty()) {
            return refused("is empty");
        }
        String timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        boolean otherSchemes = false;
        for (String item : value.split(",", -1)) {
            int equals = item.indexOf('=');
            String name = equals < 0 ? item : item.substring(0, equals);
            String text = equals < 0 ? "" : item.substring(equals + 1);
            if (name.equals("t")) {
                if (timestamp != null) {
                    return refused("has more than one timestamp 't='");
                }
                timestamp = text;
            } else if (name.equals("v1")) {
                byte[] signature = hex(text);
                if (signature != null) {
                    signatures.add(signature);
                }
            } else {
                otherSchemes = true;
            }
        }
        if (timestamp == null) {
            return refused("has no timestamp 't=<Unix seconds>'");
        }
        if (!Tolerance.isUnixSeconds(timestamp)) {
            return refused("has a timestamp 't=' that is not a Unix time in whole seconds");
        }
        if (signatures.isEmpty()) {
            return refused("has no signature 'v1=<" + HEX_LENGTH + " hex characters>'"
                    + (otherSchemes ? " (only v1 HMAC-SHA256 signatures are checked)" : ""));
        }
        byte[] signed = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        OptionalInt index = keys.matching(signed, body, signatures);
        if (index.isEmpty()) {
            return refused("does not match the body with any configured secret");
        }
        Optional<Verification.Refused> late = tolerance.check(SIGNATURE_HEADER,
                "The timestamp 't=' of '" + SIGNATURE_HEADER + "'", Long.parseLong(timestamp), now);
        if (late.isPresent()) {
            return late.get();
        }
        return new Verification.Verified(index.getAsInt());
    }

    private static Verification.Refused refused(String what) {
        return new Verification.Refused(SIGNATURE_HEADER, "'" + SIGNATURE_HEADER + "' " + what);
    }

    private static byte[] hex(String text) {
        if (text.length() != HEX_LENGTH) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(text);
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
        return Optional.of(FieldRule.json("/id"));
    }

    @Override
    public Optional<FieldRule> defaultEvent() {
        return Optional.of(FieldRule.json("/type"));
    }

    @Override
    public String toString() {
        return "StripeScheme[secrets=" + keys.size() + ", tolerance=" + tolerance.value() + "]";
    }
}
