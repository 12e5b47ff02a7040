package io.hookguard.http.source;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The JSON of a GitHub delivery. A hook created through GitHub's API sends
 * {@code application/x-www-form-urlencoded} by default, with the JSON in the form field {@code payload}; the
 * signature covers the raw form body, so verify first, then take the JSON from here to parse and forward.
 */
public final class GithubPayload {

    public static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";
    public static final String PAYLOAD_FIELD = "payload";

    private static final String WHERE = "form field '" + PAYLOAD_FIELD + "'";

    private GithubPayload() {
    }

    /** True if {@code contentType} (parameters such as {@code charset} aside) is the form content type. */
    public static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return mediaType.trim().toLowerCase(Locale.ROOT).equals(FORM_CONTENT_TYPE);
    }

    /**
     * The JSON bytes of the delivery: the body itself unless it is a form, else the decoded {@code payload} field.
     *
     * @throws BadDeliveryException (a 400) when a form has no {@code payload} field, has it twice, or is not valid
     *     form encoding
     */
    public static byte[] json(String contentType, byte[] body) {
        if (!isForm(contentType)) {
            return body;
        }
        byte[] payload = null;
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            int equals = indexOf(body, (byte) '=', start);
            int nameEnd = equals >= 0 && equals < end ? equals : end;
            boolean isPayload = nameEnd > start
                    && PAYLOAD_FIELD.equals(new String(decode(body, start, nameEnd), StandardCharsets.UTF_8));
            if (isPayload) {
                if (payload != null) {
                    throw new BadDeliveryException(WHERE, "the form has more than one '" + PAYLOAD_FIELD
                            + "' field; GitHub sends exactly one");
                }
                payload = nameEnd < end ? decode(body, nameEnd + 1, end) : new byte[0];
            }
            start = end + 1;
        }
        if (payload == null) {
            throw new BadDeliveryException(WHERE, "the form has no '" + PAYLOAD_FIELD
                    + "' field; a form-encoded GitHub delivery carries its JSON there");
        }
        return payload;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return bytes.length;
    }

    /** Percent-decodes {@code bytes[from, to)} ({@code +} is a space), straight into an array of the exact size. */
    private static byte[] decode(byte[] bytes, int from, int to) {
        int escapes = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '%') {
                if (i + 2 >= to) {
                    throw badEscape();
                }
                escapes++;
                i += 2;
            }
        }
        byte[] decoded = new byte[to - from - 2 * escapes];
        int out = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '%') {
                int high = Character.digit(bytes[i + 1], 16);
                int low = Character.digit(bytes[i + 2], 16);
                if (high < 0 || low < 0) {
                    throw badEscape();
                }
                decoded[out++] = (byte) (high << 4 | low);
                i += 2;
            } else {
                decoded[out++] = b == '+' ? (byte) ' ' : b;
            }
        }
        return decoded;
    }

    private static BadDeliveryException badEscape() {
        return new BadDeliveryException(WHERE, "the body is not valid " + FORM_CONTENT_TYPE
                + ": a '%' is not followed by two hex digits");
    }
}
