package io.hookguard.http.source;

import static io.hookguard.http.source.Fixtures.headers;
import static io.hookguard.http.source.Fixtures.oneByteChanged;
import static io.hookguard.http.source.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.stripe.net.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Headers are made with Stripe's own Java library ({@code com.stripe:stripe-java},
 * {@code Webhook.Signature.generateSignatureHeader}), and our reading of them is compared with its verifier.
 */
class StripeSchemeTest {

    private static final String SECRET = "whsec_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z";
    private static final String OTHER_SECRET = "whsec_Zz9yXx8wVv7uTt6sRr5qPp4oNn3mLl2k";
    /** A Standard Webhooks secret: another source's; the same text is a valid Stripe key, so it must not verify. */
    private static final String STANDARD_WEBHOOKS_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private static final String HEADER = "Stripe-Signature";

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final long T = NOW.getEpochSecond();
    private static final String PAYLOAD = "{\n  \"id\": \"evt_1QdwX2LkdIwHu7ix\",\n  \"object\": \"event\",\n"
            + "  \"type\": \"payment_intent.succeeded\"\n}";
    private static final byte[] BODY = utf8(PAYLOAD);

    private final StripeScheme scheme = new StripeScheme(List.of(SECRET));

    /** A header exactly as Stripe's library writes it: {@code t=<t>,v1=<hex>}. */
    private static String stripeHeader(String secret, long timestamp, String payload) {
        try {
            return Webhook.Signature.generateSignatureHeader(payload, secret, timestamp);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Only the {@code v1=<hex>} part of a header made by Stripe's library. */
    private static String v1(String secret, long timestamp, String payload) {
        String header = stripeHeader(secret, timestamp, payload);
        return header.substring(header.indexOf(",v1=") + 1);
    }

    private static boolean stripeAccepts(String header, String payload) {
        try {
            return Webhook.Signature.verifyHeader(payload, header, SECRET, 300, Clock.fixed(NOW, ZoneOffset.UTC));
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aHeaderMadeByStripesLibraryVerifies() {
        String header = stripeHeader(SECRET, T, PAYLOAD);

        assertThat(header).startsWith("t=" + T + ",v1=");
        assertThat(scheme.verify(headers(HEADER, header), BODY, NOW)).isEqualTo(new Verification.Verified(0));
    }

    @Test
    void theKeyIsTheWholeSecretStringNotItsBase64DecodingNorTheTextAfterWhsec() {
        byte[] signed = utf8(T + "." + PAYLOAD);
        byte[] decoded = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
        for (String v1 : List.of(Fixtures.hmacHex("HmacSHA256", decoded, signed),
                Fixtures.hmacHex("HmacSHA256", SECRET.substring("whsec_".length()), signed))) {
            String header = "t=" + T + ",v1=" + v1;

            assertThat(scheme.verify(headers(HEADER, header), BODY, NOW).accepted()).isFalse();
            assertThat(stripeAccepts(header, PAYLOAD)).isFalse();
        }
        String whole = "t=" + T + ",v1=" + Fixtures.hmacHex("HmacSHA256", SECRET, signed);
        assertThat(scheme.verify(headers(HEADER, whole), BODY, NOW).accepted()).isTrue();
    }

    static Stream<Arguments> headersBothReadAlike() {
        String good = stripeHeader(SECRET, T, PAYLOAD);
        String v1 = v1(SECRET, T, PAYLOAD);
        String wrongV1 = v1(OTHER_SECRET, T, PAYLOAD);
        return Stream.of(
                arguments("as Stripe writes it", good, true),
                arguments("several v1, the good one last", "t=" + T + "," + wrongV1 + "," + v1, true),
                arguments("several v1, the good one first", good + "," + wrongV1, true),
                arguments("a test-mode v0 beside the v1", good + ",v0=" + "ab".repeat(32), true),
                arguments("the v1 before the t", v1 + ",t=" + T, true),
                arguments("unknown items beside", good + ",scheme=v9", true),
                arguments("only a v0", "t=" + T + ",v0=" + v1.substring(3), false),
                arguments("no t", v1, false),
                arguments("t not a number", "t=soon," + v1, false),
                arguments("wrong secret", stripeHeader(OTHER_SECRET, T, PAYLOAD), false),
                arguments("secret of another source", stripeHeader(STANDARD_WEBHOOKS_SECRET, T, PAYLOAD), false),
                arguments("another t than was signed", "t=" + (T - 1) + "," + v1, false),
                arguments("too old", stripeHeader(SECRET, T - 301, PAYLOAD), false),
                arguments("exactly at the tolerance", stripeHeader(SECRET, T - 300, PAYLOAD), true),
                arguments("v1 truncated", good.substring(0, good.length() - 2), false),
                arguments("asymmetric-looking v1a only", "t=" + T + ",v1a=" + v1.substring(3), false),
                arguments("empty", "", false));
    }

    @ParameterizedTest(name = "{0}: accepted={2}")
    @MethodSource("headersBothReadAlike")
    void weAcceptExactlyWhatStripesOwnVerifierAccepts(String name, String header, boolean accepted) {
        assertThat(stripeAccepts(header, PAYLOAD)).as("Stripe's verifier").isEqualTo(accepted);
        assertThat(scheme.verify(headers(HEADER, header), BODY, NOW).accepted()).as("ours").isEqualTo(accepted);
    }

    static Stream<Arguments> badRequests() {
        String good = stripeHeader(SECRET, T, PAYLOAD);
        String v1 = v1(SECRET, T, PAYLOAD);
        return Stream.of(
                arguments("missing header", null, BODY, "'Stripe-Signature' is required"),
                arguments("empty header", "", BODY, "'Stripe-Signature' is empty"),
                arguments("malformed", "garbage", BODY, "has no timestamp 't=<Unix seconds>'"),
                arguments("no t", v1, BODY, "has no timestamp 't=<Unix seconds>'"),
                arguments("two t", "t=" + T + ",t=" + (T - 1) + "," + v1, BODY, "has more than one timestamp 't='"),
                arguments("no v1", "t=" + T, BODY, "has no signature 'v1=<64 hex characters>'"),
                arguments("v1 not hex", "t=" + T + ",v1=" + "zz".repeat(32), BODY, "has no signature 'v1="),
                arguments("only v0", "t=" + T + ",v0=" + v1.substring(3), BODY,
                        "(only v1 HMAC-SHA256 signatures are checked)"),
                arguments("asymmetric v1a", "t=" + T + ",v1a=" + v1.substring(3), BODY,
                        "(only v1 HMAC-SHA256 signatures are checked)"),
                arguments("wrong secret", stripeHeader(OTHER_SECRET, T, PAYLOAD), BODY,
                        "'Stripe-Signature' does not match the body with any configured secret"),
                arguments("secret of another source", stripeHeader(STANDARD_WEBHOOKS_SECRET, T, PAYLOAD), BODY,
                        "does not match"),
                arguments("body changed by one byte", good, oneByteChanged(BODY), "does not match"),
                arguments("timestamp too old", stripeHeader(SECRET, T - 301, PAYLOAD), BODY,
                        "The timestamp 't=' of 'Stripe-Signature' is 301 seconds old; "
                                + "at most 300 seconds are accepted"),
                arguments("timestamp too new", stripeHeader(SECRET, T + 301, PAYLOAD), BODY,
                        "The timestamp 't=' of 'Stripe-Signature' lies 301 seconds in the future"),
                arguments("timestamp not a number", "t=1e9," + v1, BODY,
                        "has a timestamp 't=' that is not a Unix time in whole seconds"),
                arguments("timestamp negative", "t=-" + T + "," + v1, BODY, "not a Unix time in whole seconds"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("badRequests")
    void badRequestsAreRefusedNamingTheHeader(String name, String header, byte[] body, String detail) {
        assertThat(scheme.verify(headers(HEADER, header), body, NOW))
                .isInstanceOfSatisfying(Verification.Refused.class, refused -> {
                    assertThat(refused.header()).isEqualTo(HEADER);
                    assertThat(refused.detail()).contains(detail);
                });
    }

    @Test
    void aTimestampFarInTheFutureIsRefusedThoughStripesLibraryWouldAcceptIt() {
        String future = stripeHeader(SECRET, T + 3600, PAYLOAD);

        assertThat(stripeAccepts(future, PAYLOAD)).isTrue();
        assertThat(scheme.verify(headers(HEADER, future), BODY, NOW).accepted()).isFalse();
    }

    @Test
    void duringRotationOldAndNewSecretsVerifyAndReportTheirPosition() {
        StripeScheme rotating = new StripeScheme(List.of(OTHER_SECRET, SECRET));

        assertThat(rotating.verify(headers(HEADER, stripeHeader(SECRET, T, PAYLOAD)), BODY, NOW))
                .isEqualTo(new Verification.Verified(1));
        assertThat(rotating.verify(headers(HEADER, stripeHeader(OTHER_SECRET, T, PAYLOAD)), BODY, NOW))
                .isEqualTo(new Verification.Verified(0));
        assertThat(rotating.verify(headers(HEADER, stripeHeader(STANDARD_WEBHOOKS_SECRET, T, PAYLOAD)), BODY, NOW))
                .isInstanceOf(Verification.Refused.class);
    }

    @Test
    void aCustomToleranceIsUsedAndReported() {
        StripeScheme relaxed = new StripeScheme(List.of(SECRET), Duration.ofMinutes(10));

        assertThat(relaxed.tolerance()).contains(Duration.ofMinutes(10));
        assertThat(relaxed.verify(headers(HEADER, stripeHeader(SECRET, T - 599, PAYLOAD)), BODY, NOW).accepted())
                .isTrue();
        assertThat(relaxed.verify(headers(HEADER, stripeHeader(SECRET, T - 601, PAYLOAD)), BODY, NOW).accepted())
                .isFalse();
    }

    @Test
    void defaultsToTheBodysIdAsKeyAndItsTypeAsEvent() {
        assertThat(scheme.defaultKey()).contains(FieldRule.json("/id"));
        assertThat(scheme.defaultEvent()).contains(FieldRule.json("/type"));
        assertThat(scheme.tolerance()).contains(Duration.ofMinutes(5));
        assertThat(scheme.name()).isEqualTo("stripe");
    }

    @Test
    void neverShowsItsSecretsAndNeedsAtLeastOne() {
        assertThat(scheme.toString()).doesNotContain(SECRET).doesNotContain(SECRET.substring(6));
        assertThatThrownBy(() -> new StripeScheme(null)).hasMessage("'secrets' must hold at least one secret");
        assertThatThrownBy(() -> new StripeScheme(List.of(" "))).hasMessage("'secrets[0]' must not be empty");
    }
}
