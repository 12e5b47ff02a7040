package io.hookguard.nats;

import io.hookguard.domain.outbox.OutboundMessage;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;

/**
 * The headers a published message carries. NATS header values are US-ASCII without CR or LF, so a value with
 * any other character, or with a {@code '%'}, is sent percent-encoded (UTF-8): a consumer that percent-decodes
 * every {@code hookguard-*} value gets the original back, and plain ASCII values arrive unchanged.
 */
public final class NatsHeaders {

    /** JetStream drops a second message with the same id within the stream's duplicate window. */
    public static final String MESSAGE_ID = "Nats-Msg-Id";
    public static final String SOURCE = "hookguard-source";
    public static final String EVENT = "hookguard-event";
    public static final String DELIVERY_ID = "hookguard-delivery-id";
    public static final String CONTENT_TYPE = "Content-Type";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private NatsHeaders() {
    }

    static Headers of(OutboundMessage message) {
        Headers headers = new Headers();
        headers.put(MESSAGE_ID, message.id().value());
        headers.put(SOURCE, encode(message.source()));
        message.event().ifPresent(event -> headers.put(EVENT, encode(event)));
        headers.put(DELIVERY_ID, encode(message.deliveryKey()));
        headers.put(CONTENT_TYPE, encode(message.contentType()));
        return headers;
    }

    /** The value as it goes on the wire: unchanged when it is printable ASCII without '%'. */
    public static String encode(String value) {
        if (value.chars().allMatch(NatsHeaders::isPlain)) {
            return value;
        }
        StringBuilder encoded = new StringBuilder(value.length() * 3);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isPlain(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }

    private static boolean isPlain(int c) {
        return c >= 0x20 && c <= 0x7E && c != '%';
    }
}
