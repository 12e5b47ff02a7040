package io.hookguard.http.source;

import static io.hookguard.http.source.Fixtures.headers;
import static io.hookguard.http.source.Fixtures.hmacHex;
import static io.hookguard.http.source.Fixtures.oneByteChanged;
import static io.hookguard.http.source.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checked against RFC 4231's published HMAC vectors and GitHub's, in every algorithm and encoding. */
class HmacSchemeTest {

    /** RFC 4231, test case 2. */
    private static final String RFC_KEY = "Jefe";
    private static final byte[] RFC_DATA = utf8("what do ya want for nothing?");
    private static final String RFC_SHA256 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    private static final String RFC_SHA512 = "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
            + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737";

    private static final String HEADER = "X-Acme-Signature";
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    private static String base64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    static Stream<Arguments> publishedVectors() {
        return Stream.of(
                arguments("sha256", "hex", null, RFC_SHA256),
                arguments("sha256", "hex", "sha256=", "sha256=" + RFC_SHA256),
                arguments("sha256", "base64", null, base64(RFC_SHA256)),
                arguments("sha256", "base64", "v1=", "v1=" + base64(RFC_SHA256)),
                arguments("sha512", "hex", null, RFC_SHA512),
                arguments("sha512", "hex", "sha512=", "sha512=" + RFC_SHA512),
                arguments("sha512", "base64", null, base64(RFC_SHA512)),
                arguments("SHA-512", "BASE64", null, base64(RFC_SHA512)));
    }

    @ParameterizedTest(name = "{0}, {1}, prefix {2}")
    @MethodSource("publishedVectors")
    void rfc4231VectorVerifiesInEveryAlgorithmAndEncoding(String algorithm, String encoding, String prefix,
            String signature) {
        HmacScheme scheme = HmacScheme.of(HEADER, algorithm, encoding, prefix, List.of(RFC_KEY));

        assertThat(scheme.verify(headers(HEADER, signature), RFC_DATA, NOW)).isEqualTo(new Verification.Verified(0));
    }

    @Test
    void theBuiltInWorkflowCompleteSourceIsAnHmacSchemeOverGithubsVector() {
        HmacScheme scheme = HmacScheme.workflowComplete(List.of("It's a Secret to Everybody"));
        String vector = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        assertThat(scheme.verify(headers("X-Webhook-Signature", vector), utf8("Hello, World!"), NOW))
                .isEqualTo(new Verification.Verified(0));
        assertThat(scheme.header()).isEqualTo("X-Webhook-Signature");
    }

    private final HmacScheme base64Scheme = HmacScheme.of(HEADER, "sha256", "base64", null, List.of(RFC_KEY));
    private final HmacScheme prefixedHex = HmacScheme.of(HEADER, "sha512", "hex", "sha512=", List.of(RFC_KEY));

    static Stream<Arguments> badRequests() {
        String good64 = base64(RFC_SHA256);
        return Stream.of(
                arguments("missing header", "base64", null, RFC_DATA, "'X-Acme-Signature' is required"),
                arguments("empty header", "base64", "", RFC_DATA, "'X-Acme-Signature' is empty"),
                arguments("not base64", "base64", "%%%", RFC_DATA,
                        "must be the base64 of the 32-byte HMAC-SHA256 of the body"),
                arguments("base64 of the wrong length", "base64", good64.substring(8), RFC_DATA, "must be the base64"),
                arguments("hex where base64 is expected", "base64", RFC_SHA256, RFC_DATA, "must be the base64"),
                arguments("wrong secret", "base64", base64(hmacHex("HmacSHA256", "not Jefe", RFC_DATA)), RFC_DATA,
                        "'X-Acme-Signature' does not match the body with any configured secret"),
                arguments("secret of another source", "base64",
                        base64(hmacHex("HmacSHA256", "It's a Secret to Everybody", RFC_DATA)), RFC_DATA,
                        "does not match"),
                arguments("body changed by one byte", "base64", good64, oneByteChanged(RFC_DATA), "does not match"),
                arguments("missing prefix", "prefixed hex", RFC_SHA512, RFC_DATA,
                        "must be 'sha512=' followed by 128 hex characters (the HMAC-SHA512 of the body)"),
                arguments("another prefix", "prefixed hex", "sha256=" + RFC_SHA512, RFC_DATA, "must be 'sha512='"),
                arguments("a sha256 digest where sha512 is expected", "prefixed hex", "sha512=" + RFC_SHA256, RFC_DATA,
                        "must be 'sha512=' followed by 128 hex characters"),
                arguments("not hex", "prefixed hex", "sha512=" + "g".repeat(128), RFC_DATA, "must be 'sha512='"),
                arguments("a Standard Webhooks list", "prefixed hex", "v1a,abc v1," + base64(RFC_SHA512), RFC_DATA,
                        "must be 'sha512='"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("badRequests")
    void badRequestsAreRefusedNamingTheHeader(String name, String scheme, String signature, byte[] body,
            String detail) {
        HmacScheme chosen = scheme.equals("base64") ? base64Scheme : prefixedHex;

        assertThat(chosen.verify(headers(HEADER, signature), body, NOW))
                .isInstanceOfSatisfying(Verification.Refused.class, refused -> {
                    assertThat(refused.header()).isEqualTo(HEADER);
                    assertThat(refused.detail()).contains(detail);
                });
    }

    @Test
    void duringRotationOldAndNewSecretsVerifyAndReportTheirPosition() {
        HmacScheme rotating = HmacScheme.of(HEADER, "sha256", "hex", null, List.of("new", RFC_KEY));

        assertThat(rotating.verify(headers(HEADER, RFC_SHA256), RFC_DATA, NOW)).isEqualTo(new Verification.Verified(1));
        assertThat(rotating.verify(headers(HEADER, hmacHex("HmacSHA256", "new", RFC_DATA)), RFC_DATA, NOW))
                .isEqualTo(new Verification.Verified(0));
        assertThat(rotating.verify(headers(HEADER, hmacHex("HmacSHA256", "third", RFC_DATA)), RFC_DATA, NOW))
                .isInstanceOf(Verification.Refused.class);
    }

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                arguments("sha1", "hex", HEADER, "'algorithm' sha1 is refused: HMAC-SHA1 is too weak to accept; "
                        + "accepted: sha256 or sha512"),
                arguments("SHA-1", "hex", HEADER, "'algorithm' sha1 is refused"),
                arguments("md5", "hex", HEADER, "'algorithm' 'md5' is unknown; accepted: sha256 or sha512"),
                arguments("sha256", "base32", HEADER, "'encoding' 'base32' is unknown; accepted: hex or base64"),
                arguments("sha256", "hex", "", "'header' is required: the name of a request header"),
                arguments("sha256", "hex", "X Acme", "'header' 'X Acme' is not a header name"));
    }

    @ParameterizedTest(name = "algorithm {0}, encoding {1}, header ''{2}''")
    @MethodSource("badConfigurations")
    void badConfigurationsAreRefusedAtConstructionNamingTheField(String algorithm, String encoding, String header,
            String message) {
        assertThatThrownBy(() -> HmacScheme.of(header, algorithm, encoding, null, List.of(RFC_KEY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void defaultsAreSha256AndHexWithNoKeyRuleSoTheKeyMustBeConfigured() {
        HmacScheme scheme = HmacScheme.of(HEADER, null, null, null, List.of(RFC_KEY));

        assertThat(scheme.verify(headers(HEADER, RFC_SHA256), RFC_DATA, NOW).accepted()).isTrue();
        assertThat(scheme.defaultKey()).isEmpty();
        assertThat(scheme.defaultEvent()).isEmpty();
        assertThat(scheme.tolerance()).isEmpty();
        assertThat(scheme.name()).isEqualTo("hmac");
        assertThat(scheme.toString()).doesNotContain(RFC_KEY);
    }
}
