package io.hookguard.http.source;

import static io.hookguard.http.source.Fixtures.headers;
import static io.hookguard.http.source.Fixtures.oneByteChanged;
import static io.hookguard.http.source.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.standardwebhooks.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Signatures are made with the Standard Webhooks reference library ({@code com.standardwebhooks}), not with ours. */
class StandardWebhooksSchemeTest {

    /** The published vector of the Standard Webhooks and Svix libraries' own tests. */
    private static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long VECTOR_TIMESTAMP = 1614265330;
    private static final String VECTOR_PAYLOAD = "{\"test\": 2432232314}";
    private static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final String SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private static final String OTHER_SECRET = "whsec_" + "b3RoZXIgc291cmNlJ3Mgc2VjcmV0IGtleSE=";
    /** A Stripe signing secret: also whsec_, also base64-decodable, but another source's key. */
    private static final String STRIPE_SECRET = "whsec_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z";

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final long T = NOW.getEpochSecond();
    private static final String ID = "msg_2Lr4b3vXAAzTtBwYJnLpKdHuV9q";
    private static final String PAYLOAD = "{\"type\":\"response.completed\",\"data\":{\"id\":\"resp_1\"}}";
    private static final byte[] BODY = utf8(PAYLOAD);

    private final StandardWebhooksScheme scheme = new StandardWebhooksScheme(List.of(SECRET));

    private static String sign(String secret, String id, long timestamp, String payload) {
        try {
            return new Webhook(secret).sign(id, timestamp, payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String good() {
        return sign(SECRET, ID, T, PAYLOAD);
    }

    private static RequestHeaders request(String id, String timestamp, String signature) {
        return headers("webhook-id", id, "webhook-timestamp", timestamp, "webhook-signature", signature);
    }

    @Test
    void thePublishedVectorVerifiesAndTheReferenceLibraryAgrees() {
        assertThat(sign(VECTOR_SECRET, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_PAYLOAD)).isEqualTo(VECTOR_SIGNATURE);

        Verification verification = new StandardWebhooksScheme(List.of(VECTOR_SECRET)).verify(
                request(VECTOR_ID, String.valueOf(VECTOR_TIMESTAMP), VECTOR_SIGNATURE), utf8(VECTOR_PAYLOAD),
                Instant.ofEpochSecond(VECTOR_TIMESTAMP));

        assertThat(verification).isEqualTo(new Verification.Verified(0));
    }

    @Test
    void aSignatureMadeByTheReferenceLibraryVerifies() {
        assertThat(scheme.verify(request(ID, String.valueOf(T), good()), BODY, NOW))
                .isEqualTo(new Verification.Verified(0));
    }

    @Test
    void whatWeAcceptTheReferenceLibraryAcceptsToo() {
        Instant now = Instant.now();
        String timestamp = String.valueOf(now.getEpochSecond());
        String signature = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= "
                + sign(SECRET, ID, now.getEpochSecond(), PAYLOAD);

        assertThat(scheme.verify(request(ID, timestamp, signature), BODY, now).accepted()).isTrue();
        assertThatCode(() -> new Webhook(SECRET).verify(PAYLOAD, Map.of("webhook-id", List.of(ID),
                "webhook-timestamp", List.of(timestamp), "webhook-signature", List.of(signature))))
                .doesNotThrowAnyException();
    }

    @Test
    void svixHeaderNamesAreAccepted() {
        RequestHeaders svix = headers("svix-id", ID, "svix-timestamp", String.valueOf(T), "svix-signature", good());

        assertThat(scheme.verify(svix, BODY, NOW)).isEqualTo(new Verification.Verified(0));
    }

    @Test
    void aListWithOneBadAndOneGoodSignatureIsAccepted() {
        String wrong = sign(OTHER_SECRET, ID, T, PAYLOAD);

        assertThat(scheme.verify(request(ID, String.valueOf(T), wrong + " " + good()), BODY, NOW))
                .isEqualTo(new Verification.Verified(0));
        assertThat(scheme.verify(request(ID, String.valueOf(T), good() + " v1,!!notbase64 v2,xyz"), BODY, NOW))
                .isEqualTo(new Verification.Verified(0));
        assertThat(scheme.verify(request(ID, String.valueOf(T), "v1a,c2lnbmF0dXJl " + good()), BODY, NOW))
                .isEqualTo(new Verification.Verified(0));
    }

    @Test
    void timestampsExactlyAtTheToleranceAreAccepted() {
        Duration tolerance = Duration.ofMinutes(5);
        for (long timestamp : new long[] {T - 300, T + 300}) {
            String signature = sign(SECRET, ID, timestamp, PAYLOAD);
            assertThat(scheme.verify(request(ID, String.valueOf(timestamp), signature), BODY, NOW).accepted())
                    .as("timestamp %d with tolerance %s", timestamp, tolerance)
                    .isTrue();
        }
    }

    static Stream<Arguments> badRequests() {
        String t = String.valueOf(T);
        String good = good();
        return Stream.of(
                arguments("missing id", request(null, t, good), BODY, "webhook-id", "'webhook-id' is required"),
                arguments("missing timestamp", request(ID, null, good), BODY, "webhook-timestamp",
                        "'webhook-timestamp' is required"),
                arguments("missing signature", request(ID, t, null), BODY, "webhook-signature",
                        "'webhook-signature' is required"),
                arguments("no headers at all", headers(), BODY, "webhook-id", "'webhook-id' is required"),
                arguments("empty signature", request(ID, t, ""), BODY, "webhook-signature",
                        "'webhook-signature' is empty"),
                arguments("signature without version", request(ID, t, good.substring(3)), BODY, "webhook-signature",
                        "must be a space-separated list of 'v1,<base64 HMAC-SHA256>'"),
                arguments("signature not base64", request(ID, t, "v1,!!!"), BODY, "webhook-signature",
                        "must be a space-separated list"),
                arguments("signature of the wrong length", request(ID, t, "v1,c2hvcnQ="), BODY, "webhook-signature",
                        "must be a space-separated list"),
                arguments("unknown version only", request(ID, t, "v2," + good.substring(3)), BODY, "webhook-signature",
                        "must be a space-separated list"),
                arguments("asymmetric v1a only", request(ID, t, "v1a,c2lnbmF0dXJl"), BODY, "webhook-signature",
                        "asymmetric 'v1a' signatures, which are not supported"),
                arguments("wrong secret", request(ID, t, sign(OTHER_SECRET, ID, T, PAYLOAD)), BODY, "webhook-signature",
                        "'webhook-signature' does not match the body with any configured secret"),
                arguments("secret of another source", request(ID, t, sign(STRIPE_SECRET, ID, T, PAYLOAD)), BODY,
                        "webhook-signature", "does not match"),
                arguments("body changed by one byte", request(ID, t, good), oneByteChanged(BODY), "webhook-signature",
                        "does not match"),
                arguments("id changed", request(ID + "x", t, good), BODY, "webhook-signature", "does not match"),
                arguments("timestamp changed", request(ID, String.valueOf(T + 1), good), BODY, "webhook-signature",
                        "does not match"),
                arguments("timestamp too old", request(ID, String.valueOf(T - 301), sign(SECRET, ID, T - 301, PAYLOAD)),
                        BODY, "webhook-timestamp",
                        "'webhook-timestamp' is 301 seconds old; at most 300 seconds are accepted"),
                arguments("timestamp too new", request(ID, String.valueOf(T + 301), sign(SECRET, ID, T + 301, PAYLOAD)),
                        BODY, "webhook-timestamp",
                        "'webhook-timestamp' lies 301 seconds in the future; at most 300 seconds are accepted"),
                arguments("timestamp not a number", request(ID, "yesterday", good), BODY, "webhook-timestamp",
                        "'webhook-timestamp' must be a Unix time in whole seconds"),
                arguments("timestamp negative", request(ID, "-" + t, good), BODY, "webhook-timestamp",
                        "must be a Unix time in whole seconds"),
                arguments("timestamp in milliseconds with a fraction", request(ID, t + ".5", good), BODY,
                        "webhook-timestamp", "must be a Unix time in whole seconds"),
                arguments("svix headers, signature missing",
                        headers("svix-id", ID, "svix-timestamp", t), BODY, "svix-signature",
                        "'svix-signature' is required"),
                arguments("svix headers, too old",
                        headers("svix-id", ID, "svix-timestamp", String.valueOf(T - 3600),
                                "svix-signature", sign(SECRET, ID, T - 3600, PAYLOAD)),
                        BODY, "svix-timestamp", "'svix-timestamp' is 3600 seconds old"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("badRequests")
    void badRequestsAreRefusedNamingTheHeader(String name, RequestHeaders headers, byte[] body, String header,
            String detail) {
        assertThat(scheme.verify(headers, body, NOW)).isInstanceOfSatisfying(Verification.Refused.class, refused -> {
            assertThat(refused.header()).isEqualTo(header);
            assertThat(refused.detail()).contains(detail);
        });
    }

    @Test
    void duringRotationOldAndNewSecretsVerifyAndReportTheirPosition() {
        StandardWebhooksScheme rotating = new StandardWebhooksScheme(List.of(SECRET, OTHER_SECRET));
        String t = String.valueOf(T);

        assertThat(rotating.verify(request(ID, t, good()), BODY, NOW)).isEqualTo(new Verification.Verified(0));
        assertThat(rotating.verify(request(ID, t, sign(OTHER_SECRET, ID, T, PAYLOAD)), BODY, NOW))
                .isEqualTo(new Verification.Verified(1));
        assertThat(rotating.verify(request(ID, t, sign(STRIPE_SECRET, ID, T, PAYLOAD)), BODY, NOW))
                .isInstanceOf(Verification.Refused.class);
    }

    @Test
    void aPastedVersionPrefixOrAMissingWhsecPrefixOnTheSecretIsTolerated() {
        String t = String.valueOf(T);
        for (String secret : List.of("v1," + SECRET, SECRET.substring("whsec_".length()), " " + SECRET + "\n")) {
            assertThat(new StandardWebhooksScheme(List.of(secret)).verify(request(ID, t, good()), BODY, NOW))
                    .as("secret written as %s", secret.startsWith("v1,") ? "v1,whsec_…" : "another variant")
                    .isEqualTo(new Verification.Verified(0));
        }
    }

    @Test
    void aSecretThatIsNotBase64IsRefusedAtConstructionWithoutShowingIt() {
        assertThatThrownBy(() -> new StandardWebhooksScheme(List.of(SECRET, "whsec_not*base64")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'secrets[1]' must be 'whsec_' followed by base64");
        assertThatThrownBy(() -> new StandardWebhooksScheme(List.of("whsec_")))
                .hasMessage("'secrets[0]' must be 'whsec_' followed by base64 of at least one byte");
    }

    @Test
    void aCustomToleranceIsUsedAndReported() {
        StandardWebhooksScheme strict = new StandardWebhooksScheme(List.of(SECRET), Duration.ofSeconds(30));
        long old = T - 31;

        assertThat(strict.tolerance()).contains(Duration.ofSeconds(30));
        assertThat(strict.verify(request(ID, String.valueOf(old), sign(SECRET, ID, old, PAYLOAD)), BODY, NOW))
                .isEqualTo(new Verification.Refused("webhook-timestamp",
                        "'webhook-timestamp' is 31 seconds old; at most 30 seconds are accepted "
                                + "(a replayed or delayed request)"));
        assertThatThrownBy(() -> new StandardWebhooksScheme(List.of(SECRET), Duration.ZERO))
                .hasMessageContaining("'tolerance' must be at least 1 second");
    }

    @Test
    void defaultsToTheWebhookIdOrSvixIdHeaderAsKeyAndHasNoDefaultEvent() {
        assertThat(scheme.defaultKey()).contains(FieldRule.header("webhook-id", "svix-id"));
        assertThat(scheme.defaultEvent()).isEmpty();
        assertThat(scheme.tolerance()).contains(Duration.ofMinutes(5));
        assertThat(scheme.name()).isEqualTo("standard-webhooks");
        assertThat(scheme.toString()).doesNotContain(SECRET.substring("whsec_".length()));
    }
}
