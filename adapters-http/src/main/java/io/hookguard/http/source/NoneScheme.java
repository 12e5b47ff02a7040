package io.hookguard.http.source;

import java.time.Instant;

/**
 * No verification at all ({@code verify: none}): every request is {@link Verification.NotChecked}. Only safe while
 * the server listens on loopback; the configuration enforces that, not this class.
 */
public final class NoneScheme implements SignatureScheme {

    public static final NoneScheme INSTANCE = new NoneScheme();

    private NoneScheme() {
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public Verification verify(RequestHeaders headers, byte[] body, Instant now) {
        return new Verification.NotChecked();
    }

    @Override
    public String toString() {
        return "NoneScheme";
    }
}
