package io.hookguard.http.source;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Request headers and bodies for the scheme tests, built without the code under test. */
final class Fixtures {

    private Fixtures() {
    }

    /** Headers from alternating names and values; a {@code null} value leaves the header out. */
    static RequestHeaders headers(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                map.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return RequestHeaders.of(map);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code body} with its last byte changed. */
    static byte[] oneByteChanged(byte[] body) {
        byte[] changed = body.clone();
        changed[changed.length - 1] ^= 1;
        return changed;
    }

    /** The JDK's HMAC, hex-encoded: for signatures in schemes that have no library of their own to sign with. */
    static String hmacHex(String algorithm, String secret, byte[] body) {
        return hmacHex(algorithm, utf8(secret), body);
    }

    static String hmacHex(String algorithm, byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
