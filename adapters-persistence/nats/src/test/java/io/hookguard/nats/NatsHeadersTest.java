package io.hookguard.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.OutboundMessage;
import io.nats.client.impl.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NatsHeadersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "push|push",
            "12345678-aaaa-bbbb|12345678-aaaa-bbbb",
            "application/json; charset=utf-8|application/json; charset=utf-8",
            "100%|100%25",
            "grüße|gr%C3%BC%C3%9Fe"
    })
    void plainAsciiPassesAndEverythingElseIsPercentEncoded(String value, String onTheWire) {
        assertThat(NatsHeaders.encode(value)).isEqualTo(onTheWire);
    }

    @Test
    void lineBreaksCannotInjectAHeader() {
        assertThat(NatsHeaders.encode("a\r\nInjected: yes")).isEqualTo("a%0D%0AInjected: yes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "100% sure", "日本語 + emoji \uD83D\uDE00", "tab\tand\nnewline"})
    void aPercentDecoderGetsTheOriginalBack(String value) {
        String decoded = URLDecoder.decode(NatsHeaders.encode(value).replace("+", "%2B"), StandardCharsets.UTF_8);

        assertThat(decoded).isEqualTo(value);
    }

    @Test
    void messageWithoutEventTypeCarriesNoEventHeader() {
        OutboundMessage message = Messages.message(new DestinationName("workers"), null, "d-1", null, "{}");

        Headers headers = NatsHeaders.of(message);

        assertThat(headers.containsKey(NatsHeaders.EVENT)).isFalse();
        assertThat(headers.getFirst(NatsHeaders.MESSAGE_ID)).isEqualTo(message.id().value());
        assertThat(headers.getFirst(NatsHeaders.DELIVERY_ID)).isEqualTo("d-1");
    }
}
