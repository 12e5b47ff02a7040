package io.hookguard.http.source;

import static io.hookguard.http.source.Fixtures.headers;
import static io.hookguard.http.source.Fixtures.hmacHex;
import static io.hookguard.http.source.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Form bodies are encoded with the JDK's {@link URLEncoder}, the way any form sender writes them. */
class GithubPayloadTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "{\"zen\":\"Design for failure.\",\"hook_id\":1,\"note\":\"a&b=c+d 100% ü \"}";

    private static byte[] form(String... namesAndValues) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return utf8(form.toString());
    }

    @Test
    void aJsonBodyIsTheJsonItself() {
        byte[] body = utf8(JSON);

        assertThat(GithubPayload.json("application/json", body)).isSameAs(body);
        assertThat(GithubPayload.json("application/json; charset=utf-8", body)).isSameAs(body);
        assertThat(GithubPayload.isForm("application/json")).isFalse();
        assertThat(GithubPayload.isForm(null)).isFalse();
    }

    static Stream<Arguments> contentTypes() {
        return Stream.of(arguments(FORM), arguments("application/x-www-form-urlencoded; charset=UTF-8"),
                arguments("Application/X-WWW-Form-URLEncoded"), arguments(" application/x-www-form-urlencoded ;x=y"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contentTypes")
    void aFormsPayloadFieldIsDecodedToTheExactJson(String contentType) {
        assertThat(GithubPayload.isForm(contentType)).isTrue();
        assertThat(GithubPayload.json(contentType, form("payload", JSON))).isEqualTo(utf8(JSON));
    }

    @Test
    void otherFieldsAroundThePayloadAreIgnored() {
        assertThat(GithubPayload.json(FORM, form("a", "1", "payload", JSON, "b", "2"))).isEqualTo(utf8(JSON));
        assertThat(GithubPayload.json(FORM, utf8("flag&payload=%7B%7D&=x"))).isEqualTo(utf8("{}"));
    }

    @Test
    void theSignatureCoversTheRawFormAndTheKeyAndEventComeFromHeadersAndThePayload() {
        String secret = "It's a Secret to Everybody";
        byte[] raw = form("payload", JSON);
        RequestHeaders headers = headers("X-Hub-Signature-256", "sha256=" + hmacHex("HmacSHA256", secret, raw),
                "X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958", "X-GitHub-Event", "ping");
        GithubScheme scheme = new GithubScheme(List.of(secret));

        assertThat(scheme.verify(headers, raw, Instant.EPOCH)).isEqualTo(new Verification.Verified(0));
        byte[] json = GithubPayload.json(FORM, raw);
        assertThat(scheme.verify(headers, json, Instant.EPOCH).accepted()).isFalse();
        SourceFields fields = SourceFields.of(scheme, Optional.empty(), Optional.of(FieldRule.json("/zen")));
        assertThat(fields.extract(headers, json))
                .isEqualTo(new SourceFields.Extracted("72d3162e-cc78-11e3-81ab-4c9367dc0958",
                        Optional.of("Design for failure.")));
    }

    static Stream<Arguments> badForms() {
        return Stream.of(
                arguments("empty body", utf8(""), "the form has no 'payload' field"),
                arguments("no payload field", form("data", JSON), "the form has no 'payload' field; a form-encoded "
                        + "GitHub delivery carries its JSON there"),
                arguments("JSON sent with the form content type", utf8(JSON), "the form has no 'payload' field"),
                arguments("payload twice", form("payload", "{}", "payload", "{}"),
                        "the form has more than one 'payload' field"),
                arguments("broken escape", utf8("payload=%7B%7"), "a '%' is not followed by two hex digits"),
                arguments("non-hex escape", utf8("payload=%zz"), "a '%' is not followed by two hex digits"));
    }

    @ParameterizedTest(name = "{0} is a bad delivery")
    @MethodSource("badForms")
    void aFormWithoutExactlyOneReadablePayloadIsABadDeliveryNamingTheField(String name, byte[] body, String detail) {
        assertThatThrownBy(() -> GithubPayload.json(FORM, body))
                .isInstanceOfSatisfying(BadDeliveryException.class,
                        e -> assertThat(e.where()).isEqualTo("form field 'payload'"))
                .hasMessageContaining(detail);
    }

    @Test
    void anEmptyPayloadIsReturnedEmptyForTheJsonParserToRefuse() {
        assertThat(GithubPayload.json(FORM, utf8("payload="))).isEmpty();
        assertThat(GithubPayload.json(FORM, utf8("payload"))).isEmpty();
    }
}
