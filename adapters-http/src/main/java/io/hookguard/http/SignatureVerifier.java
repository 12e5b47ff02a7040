package io.hookguard.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code sha256=<hex HMAC-SHA256(secret, raw body)>} over the raw bytes, in constant time. Without a
 * secret it accepts every request (unsigned deliveries; the app warns about it at start).
 */
final class SignatureVerifier {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "sha256=";
    private static final int HEX_LENGTH = 64;

    private final String header;
    private final SecretKeySpec key;

    /** @param header the request header that carries the signature, named in error details */
    SignatureVerifier(String header, String secret) {
        this.header = header;
        this.key = secret == null ? null : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** Throws a 401 problem unless {@code signature} is the body's valid signature (or no secret is set). */
    void verify(String signature, byte[] body) {
        if (key == null) {
            return;
        }
        if (signature == null || signature.isEmpty()) {
            throw new ProblemException(ProblemMapper.badSignature("'" + header + "' is required"));
        }
        byte[] given = parse(signature);
        if (given == null) {
            throw new ProblemException(ProblemMapper.badSignature(
                    "'" + header + "' must be 'sha256=' followed by 64 hex characters"));
        }
        if (!MessageDigest.isEqual(given, hmac(body))) {
            throw new ProblemException(ProblemMapper.badSignature("'" + header + "' does not match the body"));
        }
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform provides HmacSHA256", e);
        }
    }

    private static byte[] parse(String signature) {
        if (!signature.startsWith(PREFIX) || signature.length() != PREFIX.length() + HEX_LENGTH) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(signature, PREFIX.length(), signature.length());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
