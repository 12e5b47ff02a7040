package io.hookguard.http.forward;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/** A destination's Standard Webhooks signing secret ({@code whsec_<base64>}); the key is the decoded bytes. */
public final class SigningSecret {

    private static final String PREFIX = "whsec_";

    private final byte[] key;

    private SigningSecret(byte[] key) {
        this.key = key;
    }

    /**
     * Parses {@code whsec_<base64>}. The failure message names the field and never repeats the secret.
     */
    public static SigningSecret parse(String secret) {
        Objects.requireNonNull(secret, "'secret' is required");
        if (!secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("'secret' must start with 'whsec_' followed by base64");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'secret' must be 'whsec_' followed by valid base64");
        }
        if (key.length < 16) {
            throw new IllegalArgumentException("'secret' must decode to at least 16 bytes");
        }
        return new SigningSecret(key);
    }

    byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SigningSecret that && java.security.MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    /** Never the secret itself. */
    @Override
    public String toString() {
        return "whsec_***";
    }
}
