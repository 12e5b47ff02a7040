package io.hookguard.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HmacSignaturesTest {

    @Test
    void signsLikeGithubsPublishedExample() {
        // GitHub's documentation: secret "It's a Secret to Everybody", payload "Hello, World!"
        assertThat(HmacSignatures.sign("It's a Secret to Everybody", "Hello, World!"))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }
}
