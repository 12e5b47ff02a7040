package io.hookguard.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleFormatTest {

    @Test
    void jsonObjectsAndArraysArePrettyPrintedOtherTextIsLeftAlone() {
        assertThat(ConsoleFormat.prettyJson("{\"a\":1,\"b\":[true]}")).isEqualTo("{\n  \"a\" : 1,\n  \"b\" : [ true ]\n}");
        assertThat(ConsoleFormat.prettyJson("[1,2]")).isEqualTo("[ 1, 2 ]");
        assertThat(ConsoleFormat.prettyJson("{not json")).isEqualTo("{not json");
        assertThat(ConsoleFormat.prettyJson("plain <b>text</b>")).isEqualTo("plain <b>text</b>");
    }

    @Test
    void signatureAndCredentialHeadersAreSecret() {
        assertThat(ConsoleFormat.isSecretHeader("X-Hub-Signature-256")).isTrue();
        assertThat(ConsoleFormat.isSecretHeader("Stripe-Signature")).isTrue();
        assertThat(ConsoleFormat.isSecretHeader("webhook-signature")).isTrue();
        assertThat(ConsoleFormat.isSecretHeader("X-Webhook-Signature")).isTrue();
        assertThat(ConsoleFormat.isSecretHeader("Authorization")).isTrue();
        assertThat(ConsoleFormat.isSecretHeader("Cookie")).isTrue();
        assertThat(ConsoleFormat.isSecretHeader("X-Gitlab-Token")).isTrue();
        assertThat(ConsoleFormat.isSecretHeader("X-GitHub-Event")).isFalse();
        assertThat(ConsoleFormat.isSecretHeader("Content-Type")).isFalse();
    }

    @Test
    void keysArePercentEncodedButKeepTheirSlashes() {
        assertThat(ConsoleFormat.pathSegment("a b/c?d#e%f")).isEqualTo("a%20b/c%3Fd%23e%25f");
    }
}
