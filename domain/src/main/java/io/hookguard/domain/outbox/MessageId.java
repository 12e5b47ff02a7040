package io.hookguard.domain.outbox;

import io.hookguard.domain.idempotency.InvalidInputException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/** The stable id of an outbound message ({@code msg_…}): the same on every attempt, so receivers can deduplicate. */
public record MessageId(String value) {

    private static final Pattern FORM = Pattern.compile("msg_[0-9A-Za-z]{1,60}");
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public MessageId {
        Objects.requireNonNull(value, "'messageId' is required");
        if (!FORM.matcher(value).matches()) {
            throw new InvalidInputException("messageId", "must be 'msg_' followed by 1..60 letters or digits");
        }
    }

    /**
     * A new random id: 26 characters of Crockford base32 (130 bits), unguessable and unique in practice. The bits
     * come from one call to the shared {@code SecureRandom}, which locks on every call: intake makes ids on every
     * request thread at once.
     */
    public static MessageId random() {
        byte[] bits = new byte[17];
        RANDOM.nextBytes(bits);
        char[] chars = new char[26];
        for (int i = 0; i < chars.length; i++) {
            int bit = i * 5;
            int pair = (bits[bit / 8] & 0xFF) << 8 | (bits[bit / 8 + 1] & 0xFF);
            chars[i] = ALPHABET[(pair >>> (11 - bit % 8)) & 0x1F];
        }
        return new MessageId("msg_" + new String(chars));
    }

    @Override
    public String toString() {
        return value;
    }
}
