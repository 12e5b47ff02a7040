package io.hookguard.http.source;

import static io.hookguard.http.source.Fixtures.hmacHex;
import static io.hookguard.http.source.Fixtures.headers;
import static io.hookguard.http.source.Fixtures.oneByteChanged;
import static io.hookguard.http.source.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GithubSchemeTest {

    /** GitHub's published test vector ("Validating webhook deliveries"). */
    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] HELLO = utf8("Hello, World!");
    private static final String VECTOR = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    private static final String HEADER = "X-Hub-Signature-256";
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    private final GithubScheme scheme = new GithubScheme(List.of(SECRET));

    @Test
    void githubsPublishedTestVectorVerifiesWithTheFirstSecret() {
        assertThat(scheme.verify(headers(HEADER, VECTOR), HELLO, NOW)).isEqualTo(new Verification.Verified(0));
    }

    @Test
    void headerNamesAreMatchedWhateverTheirCase() {
        assertThat(scheme.verify(headers("x-hub-signature-256", VECTOR), HELLO, NOW).accepted()).isTrue();
    }

    @Test
    void upperCaseHexOfTheSameDigestVerifies() {
        String upper = "sha256=" + VECTOR.substring("sha256=".length()).toUpperCase(Locale.ROOT);

        assertThat(scheme.verify(headers(HEADER, upper), HELLO, NOW)).isEqualTo(new Verification.Verified(0));
    }

    static Stream<Arguments> badRequests() {
        String hex = VECTOR.substring("sha256=".length());
        return Stream.of(
                arguments("missing header", null, HELLO, "'X-Hub-Signature-256' is required"),
                arguments("empty header", "", HELLO, "'X-Hub-Signature-256' is empty"),
                arguments("no prefix", hex, HELLO, "must be 'sha256=' followed by 64 hex characters"),
                arguments("sha1 prefix", "sha1=" + hex, HELLO, "must be 'sha256='"),
                arguments("upper-case prefix", "SHA256=" + hex, HELLO, "must be 'sha256='"),
                arguments("too short", "sha256=" + hex.substring(2), HELLO, "must be 'sha256='"),
                arguments("too long", VECTOR + "00", HELLO, "must be 'sha256='"),
                arguments("not hex", "sha256=zz" + hex.substring(2), HELLO, "must be 'sha256='"),
                arguments("leading space", " " + VECTOR, HELLO, "must be 'sha256='"),
                arguments("a Standard Webhooks list", "v1a,abc v1,def", HELLO, "must be 'sha256='"),
                arguments("wrong secret", "sha256=" + hmacHex("HmacSHA256", "not the secret", HELLO), HELLO,
                        "does not match the body with any configured secret"),
                arguments("secret of another source", "sha256=" + hmacHex("HmacSHA256", "whsec_stripe", HELLO), HELLO,
                        "does not match"),
                arguments("body changed by one byte", VECTOR, oneByteChanged(HELLO), "does not match"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("badRequests")
    void badRequestsAreRefusedNamingTheHeader(String name, String signature, byte[] body, String detail) {
        assertThat(scheme.verify(headers(HEADER, signature), body, NOW))
                .isInstanceOfSatisfying(Verification.Refused.class, refused -> {
                    assertThat(refused.header()).isEqualTo(HEADER);
                    assertThat(refused.detail()).contains(detail);
                });
    }

    @Test
    void theLegacySha1HeaderAloneIsRefusedSayingSo() {
        String sha1 = "sha1=" + hmacHex("HmacSHA1", SECRET, HELLO);

        assertThat(scheme.verify(headers("X-Hub-Signature", sha1), HELLO, NOW))
                .isEqualTo(new Verification.Refused(HEADER,
                        "'X-Hub-Signature-256' is required; the SHA-1 'X-Hub-Signature' alone is not accepted"));
    }

    @Test
    void duringRotationOldAndNewSecretsVerifyAndReportTheirPosition() {
        GithubScheme rotating = new GithubScheme(List.of("new secret", SECRET));
        byte[] body = utf8("{\"zen\":\"Keep it logically awesome.\"}");

        assertThat(rotating.verify(headers(HEADER, VECTOR), HELLO, NOW)).isEqualTo(new Verification.Verified(1));
        assertThat(rotating.verify(headers(HEADER, "sha256=" + hmacHex("HmacSHA256", "new secret", body)), body, NOW))
                .isEqualTo(new Verification.Verified(0));
        assertThat(rotating.verify(headers(HEADER, "sha256=" + hmacHex("HmacSHA256", "third secret", body)), body, NOW))
                .isInstanceOf(Verification.Refused.class);
    }

    @Test
    void defaultsToTheDeliveryHeaderAsKeyAndTheEventHeaderAsEvent() {
        assertThat(scheme.defaultKey()).contains(FieldRule.header("X-GitHub-Delivery"));
        assertThat(scheme.defaultEvent()).contains(FieldRule.header("X-GitHub-Event"));
        assertThat(scheme.tolerance()).isEmpty();
        assertThat(scheme.name()).isEqualTo("github");
    }

    @Test
    void neverShowsItsSecretsAndNeedsAtLeastOne() {
        assertThat(scheme.toString()).doesNotContain(SECRET);
        assertThatThrownBy(() -> new GithubScheme(List.of())).hasMessage("'secrets' must hold at least one secret");
        assertThatThrownBy(() -> new GithubScheme(List.of(SECRET, ""))).hasMessage("'secrets[1]' must not be empty");
    }
}
