package io.hookguard.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    private static final byte[] HELLO = Requests.utf8("Hello, World!");
    private static final String GITHUB_VECTOR =
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private final SignatureVerifier verifier = new SignatureVerifier("X-Hub-Signature-256", "It's a Secret to Everybody");

    @Test
    void githubsDocumentedTestVectorVerifies() {
        assertThatCode(() -> verifier.verify(GITHUB_VECTOR, HELLO)).doesNotThrowAnyException();
    }

    @Test
    void upperCaseHexOfTheSameDigestVerifies() {
        String upper = "sha256=" + GITHUB_VECTOR.substring("sha256=".length()).toUpperCase(java.util.Locale.ROOT);

        assertThatCode(() -> verifier.verify(upper, HELLO)).doesNotThrowAnyException();
    }

    @Test
    void signatureOfOtherBytesIsRefused() {
        assertRefused(GITHUB_VECTOR, Requests.utf8("Hello, World"), "does not match");
    }

    @Test
    void signatureMadeWithAnotherSecretIsRefused() {
        assertRefused(Requests.sign("another secret", HELLO), HELLO, "does not match");
    }

    @Test
    void missingSignatureIsRefused() {
        assertRefused(null, HELLO, "is required");
        assertRefused("", HELLO, "is required");
    }

    @Test
    void malformedSignaturesAreRefused() {
        String hex = GITHUB_VECTOR.substring("sha256=".length());
        assertRefused(hex, HELLO, "must be 'sha256='");
        assertRefused("sha1=" + hex, HELLO, "must be 'sha256='");
        assertRefused("SHA256=" + hex, HELLO, "must be 'sha256='");
        assertRefused("sha256=" + hex.substring(2), HELLO, "must be 'sha256='");
        assertRefused("sha256=" + hex + "00", HELLO, "must be 'sha256='");
        assertRefused("sha256=" + "zz" + hex.substring(2), HELLO, "must be 'sha256='");
        assertRefused(" " + GITHUB_VECTOR, HELLO, "must be 'sha256='");
    }

    @Test
    void withoutASecretEveryRequestIsAccepted() {
        SignatureVerifier unsecured = new SignatureVerifier("X-Hub-Signature-256", null);

        assertThatCode(() -> unsecured.verify(null, HELLO)).doesNotThrowAnyException();
        assertThatCode(() -> unsecured.verify("garbage", HELLO)).doesNotThrowAnyException();
    }

    private void assertRefused(String signature, byte[] body, String detail) {
        assertThatThrownBy(() -> verifier.verify(signature, body))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.problem().status()).isEqualTo(401);
                    org.assertj.core.api.Assertions.assertThat(e.problem().detail())
                            .contains("X-Hub-Signature-256", detail);
                });
    }
}
