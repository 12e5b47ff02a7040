package io.hookguard.http.source;

import static io.hookguard.http.source.Fixtures.headers;
import static io.hookguard.http.source.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SourceFieldsTest {

    private static final GithubScheme GITHUB = new GithubScheme(List.of("s"));
    private static final StripeScheme STRIPE = new StripeScheme(List.of("whsec_s"));
    private static final StandardWebhooksScheme STANDARD = new StandardWebhooksScheme(List.of("whsec_c2VjcmV0"));
    private static final HmacScheme HMAC = HmacScheme.of("X-Sig", null, null, null, List.of("s"));

    @Test
    void eachSchemeBringsItsDefaultRulesAndTheConfigurationWins() {
        assertThat(SourceFields.of(GITHUB, Optional.empty(), Optional.empty())).isEqualTo(new SourceFields(
                FieldRule.header("X-GitHub-Delivery"), Optional.of(FieldRule.header("X-GitHub-Event"))));
        assertThat(SourceFields.of(STRIPE, Optional.empty(), Optional.empty()))
                .isEqualTo(new SourceFields(FieldRule.json("/id"), Optional.of(FieldRule.json("/type"))));
        assertThat(SourceFields.of(STANDARD, Optional.empty(), Optional.empty()))
                .isEqualTo(new SourceFields(FieldRule.header("webhook-id", "svix-id"), Optional.empty()));
        assertThat(SourceFields.of(STANDARD, Optional.of(FieldRule.parse("json:/data/id")),
                Optional.of(FieldRule.parse("json:/type"))))
                .isEqualTo(new SourceFields(FieldRule.json("/data/id"), Optional.of(FieldRule.json("/type"))));
    }

    @Test
    void hmacAndNoneHaveNoDefaultKeySoOneMustBeConfigured() {
        assertThatThrownBy(() -> SourceFields.of(HMAC, Optional.empty(), Optional.empty()))
                .hasMessage("'key' is required with verify: hmac; accepted: header:<name> or json:<pointer>");
        assertThatThrownBy(() -> SourceFields.of(NoneScheme.INSTANCE, Optional.empty(), Optional.empty()))
                .hasMessageStartingWith("'key' is required with verify: none");
        assertThat(SourceFields.of(HMAC, Optional.of(FieldRule.parse("header:X-Acme-Delivery")), Optional.empty())
                .key()).isEqualTo(FieldRule.header("X-Acme-Delivery"));
    }

    @Test
    void extractsKeyAndEventFromHeadersAndBody() {
        SourceFields github = SourceFields.of(GITHUB, Optional.empty(), Optional.empty());
        SourceFields stripe = SourceFields.of(STRIPE, Optional.empty(), Optional.empty());
        SourceFields standard = SourceFields.of(STANDARD, Optional.empty(), Optional.of(FieldRule.json("/type")));

        assertThat(github.extract(headers("X-GitHub-Delivery", "72d3162e", "X-GitHub-Event", "push"), utf8("{}")))
                .isEqualTo(new SourceFields.Extracted("72d3162e", Optional.of("push")));
        assertThat(stripe.extract(headers(), utf8("{\"id\":\"evt_1\",\"type\":\"charge.succeeded\"}")))
                .isEqualTo(new SourceFields.Extracted("evt_1", Optional.of("charge.succeeded")));
        assertThat(standard.extract(headers("svix-id", "msg_1"), utf8("{\"type\":\"batch.completed\"}")))
                .isEqualTo(new SourceFields.Extracted("msg_1", Optional.of("batch.completed")));
    }

    @Test
    void aBodyParsedByTheCallerIsReadAsIs() throws Exception {
        SourceFields stripe = SourceFields.of(STRIPE, Optional.empty(), Optional.empty());
        JsonBody parsed = JsonBody.parsed(new ObjectMapper().readTree("{\"id\":\"evt_2\"}"));

        assertThat(stripe.extract(headers(), parsed)).isEqualTo(new SourceFields.Extracted("evt_2", Optional.empty()));
    }

    @Test
    void aMissingOrEmptyEventIsNoEvent() {
        SourceFields github = SourceFields.of(GITHUB, Optional.empty(), Optional.empty());

        assertThat(github.extract(headers("X-GitHub-Delivery", "d"), utf8("")).event()).isEmpty();
        assertThat(github.extract(headers("X-GitHub-Delivery", "d", "X-GitHub-Event", ""), utf8("")).event()).isEmpty();
    }

    static Stream<Arguments> badKeys() {
        String longKey = "k".repeat(256);
        return Stream.of(
                arguments("header key missing", headers(), "{}", "header 'X-GitHub-Delivery'",
                        "the idempotency key is missing: nothing at header 'X-GitHub-Delivery'"),
                arguments("header key empty", headers("X-GitHub-Delivery", ""), "{}", "header 'X-GitHub-Delivery'",
                        "the idempotency key at header 'X-GitHub-Delivery' is empty"),
                arguments("header key blank", headers("X-GitHub-Delivery", "   "), "{}", "header 'X-GitHub-Delivery'",
                        "is empty"),
                arguments("header key over 255", headers("X-GitHub-Delivery", longKey), "{}",
                        "header 'X-GitHub-Delivery'", "the idempotency key at header 'X-GitHub-Delivery' is 256 "
                                + "characters long; at most 255 are accepted"),
                arguments("json key missing", null, "{\"type\":\"t\"}", "JSON pointer /id",
                        "the idempotency key is missing: nothing at JSON pointer /id"),
                arguments("json key null", null, "{\"id\":null}", "JSON pointer /id", "is missing"),
                arguments("json key empty", null, "{\"id\":\"\"}", "JSON pointer /id",
                        "the idempotency key at JSON pointer /id is empty"),
                arguments("json key over 255", null, "{\"id\":\"" + longKey + "\"}", "JSON pointer /id",
                        "is 256 characters long; at most 255 are accepted"),
                arguments("json key an object", null, "{\"id\":{}}", "JSON pointer /id",
                        "must be a string or an integer"),
                arguments("body not JSON", null, "id=1", "JSON pointer /id", "the body is not valid JSON"),
                arguments("event over 255", null, "{\"id\":\"evt\",\"type\":\"" + longKey + "\"}", "JSON pointer /type",
                        "the event type at JSON pointer /type is 256 characters long"));
    }

    @ParameterizedTest(name = "{0} is a bad delivery")
    @MethodSource("badKeys")
    void aMissingEmptyOrOverlongKeyIsABadDeliveryNamingWhereItWasLookedFor(String name, RequestHeaders headers,
            String body, String where, String detail) {
        SourceFields fields = headers == null
                ? SourceFields.of(STRIPE, Optional.empty(), Optional.empty())
                : SourceFields.of(GITHUB, Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> fields.extract(headers == null ? headers() : headers, utf8(body)))
                .isInstanceOfSatisfying(BadDeliveryException.class, e -> assertThat(e.where()).isEqualTo(where))
                .hasMessageContaining(detail);
    }

    @Test
    void aKeyOfExactly255CharactersIsAccepted() {
        SourceFields github = SourceFields.of(GITHUB, Optional.empty(), Optional.empty());
        String key = "k".repeat(255);

        assertThat(github.extract(headers("X-GitHub-Delivery", key), utf8("")).key()).isEqualTo(key);
    }
}
