package io.hookguard.domain.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** SHA-256 of the content that defines "the same delivery", as 64 lowercase hex characters. */
public record Fingerprint(String hex) {

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{64}");

    public Fingerprint {
        Objects.requireNonNull(hex, "'fingerprint' is required");
        if (!FORM.matcher(hex).matches()) {
            throw new InvalidInputException("fingerprint", "must be 64 lowercase hex characters (SHA-256)");
        }
    }

    public static Fingerprint of(byte[] content) {
        return new Fingerprint(sha256Hex(content));
    }

    public static Fingerprint of(String content) {
        return of(content.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
