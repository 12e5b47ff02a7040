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

    /** A new random id: 26 characters of Crockford base32 (130 bits), unguessable and unique in practice. */
    public static MessageId random() {
        char[] chars = new char[26];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new MessageId("msg_" + new String(chars));
    }

    @Override
    public String toString() {
        return value;
    }
}
