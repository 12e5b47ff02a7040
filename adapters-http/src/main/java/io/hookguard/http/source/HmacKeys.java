package io.hookguard.http.source;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A source's secrets as HMAC keys, in their configured order; finds which one signed a request. */
final class HmacKeys {

    private final String algorithm;
    private final List<SecretKeySpec> keys;

    private HmacKeys(String algorithm, List<SecretKeySpec> keys) {
        this.algorithm = algorithm;
        this.keys = List.copyOf(keys);
    }

    /** Keys that are the UTF-8 bytes of each secret (GitHub, Stripe, generic HMAC). */
    static HmacKeys utf8(String algorithm, List<String> secrets) {
        checkPresent(secrets);
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            keys.add(secrets.get(i).getBytes(StandardCharsets.UTF_8));
        }
        return of(algorithm, keys);
    }

    static HmacKeys of(String algorithm, List<byte[]> keys) {
        List<SecretKeySpec> specs = new ArrayList<>();
        for (byte[] key : keys) {
            specs.add(new SecretKeySpec(key, algorithm));
        }
        return new HmacKeys(algorithm, specs);
    }

    /** Throws unless there is at least one secret and none is empty; the messages name the position only. */
    static void checkPresent(List<String> secrets) {
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("'secrets' must hold at least one secret");
        }
        for (int i = 0; i < secrets.size(); i++) {
            String secret = secrets.get(i);
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("'secrets[" + i + "]' must not be empty");
            }
        }
    }

    int size() {
        return keys.size();
    }

    /**
     * The position of the first key whose MAC of {@code signedPrefix} followed by {@code body} equals one of the
     * {@code candidates} (compared in constant time), or empty.
     */
    OptionalInt matching(byte[] signedPrefix, byte[] body, List<byte[]> candidates) {
        for (int i = 0; i < keys.size(); i++) {
            byte[] expected = mac(keys.get(i), signedPrefix, body);
            for (byte[] candidate : candidates) {
                if (MessageDigest.isEqual(expected, candidate)) {
                    return OptionalInt.of(i);
                }
            }
        }
        return OptionalInt.empty();
    }

    private byte[] mac(SecretKeySpec key, byte[] signedPrefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(key);
            mac.update(signedPrefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform provides " + algorithm, e);
        }
    }

    @Override
    public String toString() {
        return "HmacKeys[" + algorithm + ", " + keys.size() + " secret(s)]";
    }
}
