package io.hookguard.http.source;

import static io.hookguard.http.source.Fixtures.headers;
import static io.hookguard.http.source.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldRuleTest {

    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\",\"number\":42,\"empty\":\"\","
            + "\"nothing\":null,\"data\":{\"object\":{\"id\":\"in_9\"}},\"list\":[\"a\",\"b\"],\"a/b\":\"slash\","
            + "\"m~n\":\"tilde\",\"flag\":true,\"obj\":{},\"frac\":1.5}";

    static Stream<Arguments> rules() {
        return Stream.of(
                arguments("header:X-GitHub-Delivery", "header 'X-GitHub-Delivery'", Optional.of("d-1")),
                arguments("header:x-github-delivery", "header 'x-github-delivery'", Optional.of("d-1")),
                arguments("header:X-Missing", "header 'X-Missing'", Optional.empty()),
                arguments("json:/id", "JSON pointer /id", Optional.of("evt_1")),
                arguments("json:/data/object/id", "JSON pointer /data/object/id", Optional.of("in_9")),
                arguments("json:/number", "JSON pointer /number", Optional.of("42")),
                arguments("json:/list/1", "JSON pointer /list/1", Optional.of("b")),
                arguments("json:/a~1b", "JSON pointer /a~1b", Optional.of("slash")),
                arguments("json:/m~0n", "JSON pointer /m~0n", Optional.of("tilde")),
                arguments("json:/empty", "JSON pointer /empty", Optional.of("")),
                arguments("json:/nothing", "JSON pointer /nothing", Optional.empty()),
                arguments("json:/missing", "JSON pointer /missing", Optional.empty()),
                arguments("json:/data/missing/id", "JSON pointer /data/missing/id", Optional.empty()));
    }

    @ParameterizedTest(name = "{0} finds {2}")
    @MethodSource("rules")
    void aParsedRuleSaysWhereItLooksAndFindsTheValue(String text, String where, Optional<String> value) {
        FieldRule rule = FieldRule.parse(text);

        assertThat(rule.where()).isEqualTo(where);
        assertThat(rule.toString()).isEqualTo(text);
        assertThat(rule.find(headers("X-GitHub-Delivery", "d-1"), JsonBody.of(utf8(BODY)))).isEqualTo(value);
    }

    static Stream<Arguments> badRules() {
        String accepted = "; accepted: header:<name> or json:<pointer>";
        return Stream.of(
                arguments(null, "a field rule is required" + accepted),
                arguments("", "a field rule is required" + accepted),
                arguments("webhook-id", "'webhook-id' is not a field rule" + accepted),
                arguments("jsonpath:$.id", "'jsonpath:$.id' is not a field rule" + accepted),
                arguments("Header:X-Id", "'Header:X-Id' is not a field rule" + accepted),
                arguments("header:", "'header:' is not a valid field rule: 'header' is required: the name of a "
                        + "request header" + accepted),
                arguments("header:X Id",
                        "'header:X Id' is not a valid field rule: 'header' 'X Id' is not a header name"),
                arguments("json:", "'json:' is not a valid field rule: a JSON pointer starts with '/', such as /id or "
                        + "/data/id" + accepted),
                arguments("json:id", "'json:id' is not a valid field rule: a JSON pointer starts with '/'"),
                arguments("json:$.id", "'json:$.id' is not a valid field rule: a JSON pointer starts with '/'"));
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @MethodSource("badRules")
    void aBadRuleIsRefusedWithOneLineSayingWhatIsAccepted(String text, String message) {
        assertThatThrownBy(() -> FieldRule.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message)
                .hasMessageEndingWith("accepted: header:<name> or json:<pointer>")
                .hasMessageNotContaining("\n");
    }

    static Stream<Arguments> unreadableValues() {
        return Stream.of(
                arguments("json:/data", BODY,
                        "the value at JSON pointer /data must be a string or an integer, not object"),
                arguments("json:/list", BODY, "must be a string or an integer, not array"),
                arguments("json:/flag", BODY, "must be a string or an integer, not boolean"),
                arguments("json:/frac", BODY, "must be a string or an integer, not number"),
                arguments("json:/id", "not json",
                        "the body is not valid JSON, so nothing can be read at JSON pointer /id"),
                arguments("json:/id", "{\"id\":1} trailing", "the body is not valid JSON"),
                arguments("json:/id", "{\"id\":\"a\",\"id\":\"b\"}", "the body is not valid JSON"),
                arguments("json:/id", "", "the body is empty, so nothing can be read at JSON pointer /id"));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("unreadableValues")
    void aBodyThatCannotHoldTheValueIsABadDeliveryNamingThePointer(String text, String body, String detail) {
        FieldRule rule = FieldRule.parse(text);

        assertThatThrownBy(() -> rule.find(headers(), JsonBody.of(utf8(body))))
                .isInstanceOfSatisfying(BadDeliveryException.class,
                        e -> assertThat(e.where()).isEqualTo(rule.where()))
                .hasMessageContaining(detail);
    }

    @Test
    void aHeaderRuleWithAnAlternativeTakesTheFirstHeaderSent() {
        FieldRule rule = FieldRule.header("webhook-id", "svix-id");

        assertThat(rule.where()).isEqualTo("header 'webhook-id' or 'svix-id'");
        assertThat(rule.find(headers("svix-id", "msg_svix"), JsonBody.of(new byte[0]))).contains("msg_svix");
        assertThat(rule.find(headers("svix-id", "msg_svix", "webhook-id", "msg_std"), JsonBody.of(new byte[0])))
                .contains("msg_std");
    }

    @Test
    void aHeaderRuleNeverParsesTheBody() {
        assertThat(FieldRule.parse("header:X-Id").find(headers("X-Id", "1"), JsonBody.of(utf8("not json"))))
                .contains("1");
    }
}
